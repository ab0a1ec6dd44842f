package model

import (
	"errors"
	"fmt"
)

// Code is a domain error code. The API reports it as extensions.code.
type Code string

// The domain error codes.
const (
	CodeNotFound    Code = "NOT_FOUND"
	CodeInvalid     Code = "INVALID"
	CodeUnavailable Code = "UNAVAILABLE"
	CodeInternal    Code = "INTERNAL"
	// CodeTimeout: the request or its database transaction ran past its deadline.
	CodeTimeout Code = "TIMEOUT"
	// CodeOutOfMemory: the read needed more memory than Neo4j grants a transaction, or
	// than its transaction pool had left; a narrower read (a filter, fewer rows) fits.
	CodeOutOfMemory Code = "OUT_OF_MEMORY"
)

// Error is an error with a domain code and a message that is safe to show to clients.
type Error struct {
	Code    Code
	Message string
	Err     error // the cause, for logs only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted client-safe message.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, and INTERNAL when there
// is none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
