// no query: nothing can match
