package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
	"github.com/parkgraph/parkgraph/seeds/synth"
)

// The sizes of the two synthetic datasets, in curated relationships. Both are above
// neo4jdb.SingleTransactionRows rows, so the loader writes them one batch per
// transaction and a killed load leaves a partial graph. B is smaller than A and has
// another seed: loading B over A updates shared ids, creates new relationships and
// deletes what only A had.
const (
	crashRelsA = 12000
	crashRelsB = 10000
)

// killAt is the share of a dataset's rows the loader reports committed before the test
// kills it.
const killAt = 0.3

// crashDataset is a synthetic dataset on disk, as the loader reads it.
type crashDataset struct {
	name, dir string
	ds        *model.Dataset
	mentions  []model.Mention
	rows      int // each row stamps exactly one node or relationship with the digest, and so does the load's Dataset node
	facts     int // each fact also writes one unstamped HAS_FACT relationship
}

func newCrashDataset(t *testing.T, name string, rels int, seed uint64) *crashDataset {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if _, err := synth.Write(dir, rels, seed); err != nil {
		t.Fatal(err)
	}
	ds, err := seeds.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("dataset %s: %v", name, err)
	}
	d := &crashDataset{name: name, dir: dir, ds: ds, mentions: seeds.Mentions(ds)}
	for _, e := range ds.Entities {
		d.facts += len(e.Facts)
	}
	d.rows = len(ds.Documents) + len(ds.Entities) + d.facts + len(ds.Relations) + len(d.mentions) + 1
	if d.rows <= neo4jdb.SingleTransactionRows {
		t.Fatalf("dataset %s has %d rows, not above the single-transaction limit %d", name, d.rows, neo4jdb.SingleTransactionRows)
	}
	return d
}

// crashRig runs the loader binary against the test database.
type crashRig struct {
	store *neo4jdb.Store
	bin   string
	env   []string
}

func newCrashRig(t *testing.T) *crashRig {
	t.Helper()
	store := neo4jtest.Open(t)
	cfg := neo4jtest.Config(t)
	bin := filepath.Join(t.TempDir(), "loader")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build loader: %v\n%s", err, out)
	}
	env := append(os.Environ(), "NEO4J_URI="+cfg.URI, "NEO4J_USERNAME="+cfg.Username,
		"NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database)
	if err := store.ApplySchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // the tests that follow expect a small database
		if err := store.Clear(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return &crashRig{store: store, bin: bin, env: env}
}

// command is the loader on d, printing a line per committed transaction.
func (r *crashRig) command(d *crashDataset) *exec.Cmd {
	cmd := exec.Command(r.bin, "-dir", d.dir, "-progress", "0")
	cmd.Env = r.env
	return cmd
}

// rerun runs the loader binary on d to completion and returns the digest it left.
func (r *crashRig) rerun(t *testing.T, d *crashDataset) string {
	t.Helper()
	start := time.Now()
	if out, err := r.command(d).CombinedOutput(); err != nil {
		t.Fatalf("loader -dir %s: %v\n%s", d.name, err, out)
	}
	t.Logf("rerun of the loader on %s (%d rows): %s", d.name, d.rows, time.Since(start).Round(time.Millisecond))
	return r.holdsExactly(t, d)
}

// cleanLoad empties the database and loads d into it with the store the loader uses.
func (r *crashRig) cleanLoad(t *testing.T, d *crashDataset) string {
	t.Helper()
	ctx := context.Background()
	start := time.Now()
	if err := r.store.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.store.Load(ctx, d.ds, d.mentions); err != nil {
		t.Fatal(err)
	}
	t.Logf("clear and clean load of %s: %s", d.name, time.Since(start).Round(time.Millisecond))
	return r.holdsExactly(t, d)
}

// holdsExactly fails the test unless the database holds one dataset digest, on exactly
// d's rows (plus d's unstamped HAS_FACT relationships), and returns it.
func (r *crashRig) holdsExactly(t *testing.T, d *crashDataset) string {
	t.Helper()
	digest, ok := r.holds(t, d)
	if !ok {
		t.Fatalf("the database does not hold exactly %s", d.name)
	}
	return digest
}

func (r *crashRig) holds(t *testing.T, d *crashDataset) (string, bool) {
	t.Helper()
	stamps, err := r.store.Stamps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var digests []string
	for k := range stamps {
		if k != "" {
			digests = append(digests, k)
		}
	}
	if len(digests) == 1 && stamps[digests[0]] == d.rows && stamps[""] == d.facts {
		return digests[0], true
	}
	t.Logf("stamps %v; %s has %d rows and %d facts", stamps, d.name, d.rows, d.facts)
	return "", false
}

// killMidway starts the loader on d over a database whose items carry the digest old
// ("" for an empty database), SIGKILLs it once it reports killAt of d's rows committed,
// and fails the test unless the kill left a partial load: some but not all of d's rows
// stamped with one new digest. It returns the stamps after the kill.
func (r *crashRig) killMidway(t *testing.T, d *crashDataset, old string) map[string]int {
	t.Helper()
	defer logTime(t, "start and kill the loader of "+d.name, time.Now())
	cmd := r.command(d)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := make(chan int)
	var said strings.Builder // what the loader printed; read after it exited
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			said.WriteString(sc.Text() + "\n")
			var n, total int
			if _, err := fmt.Sscanf(sc.Text(), "committed %d of %d rows", &n, &total); err == nil {
				select {
				case committed <- n:
				default: // the test is no longer listening
				}
			}
		}
	}()
	timeout := time.After(90 * time.Second)
wait:
	for {
		select {
		case n := <-committed:
			if float64(n) >= killAt*float64(d.rows) {
				break wait
			}
		case <-scanned:
			_ = cmd.Wait()
			t.Fatalf("the loader ended before %.0f%% of %s was committed\n%s%s", killAt*100, d.name, said.String(), stderr.String())
		case <-timeout:
			_ = cmd.Process.Kill()
			<-scanned
			_ = cmd.Wait()
			t.Fatalf("%s: under %.0f%% committed after 90 s\n%s%s", d.name, killAt*100, said.String(), stderr.String())
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred code, no cleanup
		t.Fatal(err)
	}
	<-scanned
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the loader finished before it was killed\n%s", said.String())
	}
	stamps, err := r.store.Stamps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n, digests := 0, []string(nil)
	for k, v := range stamps {
		if k != "" && k != old {
			n += v
			digests = append(digests, k)
		}
	}
	t.Logf("killed the loader of %s with %d of %d rows committed (stamps %v); it said:\n%s", d.name, n, d.rows, stamps, said.String())
	if len(digests) != 1 || n <= 0 || n >= d.rows {
		t.Fatalf("after the kill %d of %d rows of %s are committed under digests %v: not a partial load", n, d.rows, d.name, digests)
	}
	return stamps
}

func logTime(t *testing.T, what string, start time.Time) {
	t.Logf("%s: %s", what, time.Since(start).Round(time.Millisecond))
}

// snapshot is what two databases are compared by.
type snapshot struct {
	counts      *neo4jdb.Counts
	fingerprint string
}

func (r *crashRig) snapshot(t *testing.T) snapshot {
	t.Helper()
	ctx := context.Background()
	defer logTime(t, "counts and fingerprint", time.Now())
	c, err := r.store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := r.store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{c, fp}
}

// sameGraph fails the test unless the repaired database equals the clean one: the same
// nodes per label, relationships per type and content fingerprint.
func sameGraph(t *testing.T, repaired, clean snapshot) {
	t.Helper()
	if !reflect.DeepEqual(repaired.counts.Labels, clean.counts.Labels) {
		t.Errorf("nodes per label: repaired %v, clean %v", repaired.counts.Labels, clean.counts.Labels)
	}
	if !reflect.DeepEqual(repaired.counts.Relationships, clean.counts.Relationships) {
		t.Errorf("relationships per type: repaired %v, clean %v", repaired.counts.Relationships, clean.counts.Relationships)
	}
	if repaired.fingerprint != clean.fingerprint {
		t.Errorf("fingerprint: repaired %s, clean %s", repaired.fingerprint, clean.fingerprint)
	}
}

func TestAKilledLoadRerunGivesTheGraphOfACleanLoad(t *testing.T) {
	rig := newCrashRig(t)
	a := newCrashDataset(t, "A", crashRelsA, 1)
	b := newCrashDataset(t, "B", crashRelsB, 2)
	t.Logf("dataset A: %d rows, dataset B: %d rows", a.rows, b.rows)

	t.Run("a load killed over an empty database, then rerun, equals a clean load", func(t *testing.T) {
		if err := rig.store.Clear(context.Background()); err != nil {
			t.Fatal(err)
		}
		rig.killMidway(t, a, "")
		repairedDigest := rig.rerun(t, a)
		repaired := rig.snapshot(t)
		if clean := rig.cleanLoad(t, a); clean != repairedDigest {
			t.Errorf("digest: repaired %s, clean %s", repairedDigest, clean)
		}
		sameGraph(t, repaired, rig.snapshot(t))
	})

	t.Run("a load of B killed over a loaded A, then rerun, equals a clean load of B with nothing of A left", func(t *testing.T) {
		digestA, ok := rig.holds(t, a) // as the previous case leaves it
		if !ok {
			digestA = rig.cleanLoad(t, a)
		}
		stamps := rig.killMidway(t, b, digestA)
		if stamps[digestA] == 0 {
			t.Fatalf("after the kill nothing of A is left (%v): the kill did not leave a mix of A and B", stamps)
		}
		digestB := rig.rerun(t, b) // fails unless one digest is left, on exactly B's rows
		if digestB == digestA {
			t.Fatalf("A and B have the same digest %s", digestA)
		}
		repaired := rig.snapshot(t)
		rig.cleanLoad(t, b)
		sameGraph(t, repaired, rig.snapshot(t))
	})
}
