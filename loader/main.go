// Command loader validates the curated seed dataset and writes it to Neo4j.
//
// It reads and checks the whole dataset first (every problem is reported with file and
// line); on any problem it writes nothing and exits 1. Otherwise it applies the schema
// (constraints and indexes) and writes everything: in one transaction up to
// neo4jdb.SingleTransactionRows rows, one transaction per batch above (two batches at
// once; with CREATE instead of MERGE into an empty database), printing the rows
// committed at most once a second (-progress). Loading the same dataset twice gives the
// same graph, and running it again after it stopped part-way (even killed) completes it.
//
// Every sentence of every document must be cited by the graph or excused in
// seeds/ledger.yaml; the loader prints how each document's sentences are accounted for.
//
// Usage: loader [-dir DIR] [-dry-run] [-progress DURATION]
//
// Without -dir it loads the dataset built into the binary (seeds/). Neo4j is reached
// through NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loader:", err)
		os.Exit(1)
	}
}

// run parses args, validates the dataset and, unless -dry-run, writes it to the Neo4j
// named by getenv. It returns seeds.Problems when the dataset is invalid.
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	flags := flag.NewFlagSet("loader", flag.ContinueOnError)
	dir := flags.String("dir", "", "dataset directory (documents.yaml, documents/, graph/); default: the built-in seeds")
	dryRun := flags.Bool("dry-run", false, "validate only; do not connect to Neo4j")
	every := flags.Duration("progress", time.Second, "least time between two progress lines; 0: a line per committed transaction")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var fsys fs.FS = seeds.FS
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	start := time.Now()
	ds, coverage, err := seeds.LoadWithCoverage(fsys)
	if err != nil {
		printCoverage(out, coverage)
		return err
	}
	mentions := seeds.Mentions(ds)
	facts := 0
	for _, e := range ds.Entities {
		facts += len(e.Facts)
	}
	kinds := map[model.DerivationKind]int{}
	for _, r := range ds.Relations {
		if r.Derivation == nil {
			kinds[model.DerivationStated]++
		} else {
			kinds[r.Derivation.Kind]++
		}
	}
	fmt.Fprintf(out, "valid: %d documents, %d entities, %d facts, %d relations (%d stated, %d inferred, %d computed), %d mentions (%s)\n",
		len(ds.Documents), len(ds.Entities), facts, len(ds.Relations), kinds[model.DerivationStated], kinds[model.DerivationInferred],
		kinds[model.DerivationComputed], len(mentions), time.Since(start).Round(time.Millisecond))
	printCoverage(out, coverage)
	if *dryRun {
		return nil
	}
	store, err := neo4jdb.Open(neo4jdb.ConfigFromEnv(getenv))
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	if err := store.ApplySchema(ctx); err != nil {
		return err
	}
	start = time.Now()
	last := start
	progress := func(p neo4jdb.LoadProgress) {
		if time.Since(last) < *every {
			return
		}
		last = time.Now()
		fmt.Fprintf(out, "committed %d of %d rows; deleted %d nodes and relationships of other datasets (dataset %s, %s)\n",
			p.Written, p.Total, p.Deleted, p.Dataset, time.Since(start).Round(time.Millisecond))
	}
	rep, err := store.LoadWithProgress(ctx, ds, mentions, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "loaded in %s: nodes %d created, %d updated, %d deleted; relationships %d created, %d updated, %d deleted\n",
		time.Since(start).Round(time.Millisecond),
		rep.NodesCreated, rep.Documents+rep.Entities+rep.Facts+1-rep.NodesCreated, rep.NodesDeleted, // +1: the Dataset node
		rep.RelationshipsCreated, rep.Relations+rep.Facts+rep.Mentions-rep.RelationshipsCreated, rep.RelationshipsDeleted)
	return nil
}

// printCoverage writes one line per document: how many of its sentences the graph
// cites, how many the ledger excuses, and how many are unaccounted for (each of those is
// also a problem, listed with the entities it names).
func printCoverage(out io.Writer, coverage []seeds.DocumentCoverage) {
	for _, c := range coverage {
		fmt.Fprintf(out, "  %s: %d sentences, %d cited, %d excused, %d unaccounted\n",
			c.Document.ID, len(c.Sentences), len(c.Cited), len(c.Excused), len(c.Unaccounted))
	}
}
