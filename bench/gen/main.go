// Command gen writes a synthetic dataset in the seed format, for benchmarks.
//
//	go run ./bench/gen -rels 100000 -seed 1 -out /tmp/ds-100k
//	go run ./loader -dir /tmp/ds-100k
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/parkgraph/parkgraph/seeds/synth"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	rels := flags.Int("rels", 1000, "about how many curated relationships")
	seed := flags.Uint64("seed", 1, "seed number; the same seed and size give the same files")
	out := flags.String("out", "", "directory to write (created)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-out is required")
	}
	start := time.Now()
	c, err := synth.Write(*out, *rels, *seed)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d documents, %d entities, %d relations to %s in %s\n", c.Documents, c.Entities, c.Relations, *out, time.Since(start).Round(time.Millisecond))
	return nil
}
