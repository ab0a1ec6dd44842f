package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// codeDocumentNotTrusted refuses, with TRUSTED_DOCUMENTS=only, a document that is not in
// the manifest.
const codeDocumentNotTrusted = "DOCUMENT_NOT_TRUSTED"

// apqCacheSize is how many documents automatic persisted queries remember.
const apqCacheSize = 1000

// The values of TRUSTED_DOCUMENTS.
const (
	trustedOff   = "off"   // any document; automatic persisted queries on
	trustedAllow = "allow" // the manifest's documents by hash, and any other document
	trustedOnly  = "only"  // the manifest's documents only
)

// manifest maps the SHA-256 (hex) of each trusted document to the document.
type manifest map[string]string

// loadManifest reads a trusted documents file: a JSON object of hash to document, or
// the Apollo persisted query manifest ({"operations": [{"id", "body"}]}). Every hash must
// be the lower-case hex SHA-256 of its document, as clients send it in
// extensions.persistedQuery.sha256Hash.
func loadManifest(path string) (manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("TRUSTED_DOCUMENTS_FILE: %w", err)
	}
	var apollo struct {
		Operations []struct {
			ID   string `json:"id"`
			Body string `json:"body"`
		} `json:"operations"`
	}
	docs := manifest{}
	if json.Unmarshal(b, &apollo) == nil && len(apollo.Operations) > 0 {
		for _, op := range apollo.Operations {
			docs[op.ID] = op.Body
		}
	} else {
		var flat map[string]any
		if err := json.Unmarshal(b, &flat); err != nil {
			return nil, fmt.Errorf("TRUSTED_DOCUMENTS_FILE %s: want a JSON object of SHA-256 hash to document: %v", path, err)
		}
		for h, v := range flat {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("TRUSTED_DOCUMENTS_FILE %s: the document of %q is not a string", path, h)
			}
			docs[h] = s
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("TRUSTED_DOCUMENTS_FILE %s: no documents", path)
	}
	for h, doc := range docs {
		if sum := sha256.Sum256([]byte(doc)); hex.EncodeToString(sum[:]) != h {
			return nil, fmt.Errorf("TRUSTED_DOCUMENTS_FILE %s: %q is not the SHA-256 of its document (that is %x)", path, h, sum)
		}
	}
	return docs, nil
}

// fingerprint identifies the manifest's content, for the response cache's key.
func (m manifest) fingerprint() string {
	hashes := make([]string, 0, len(m))
	for h := range m {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	sum := sha256.Sum256([]byte(strings.Join(hashes, ",")))
	return hex.EncodeToString(sum[:8])
}

// documentExtensions are the GraphQL handler extensions that resolve and vet documents
// for mode: the trusted documents of docs (with allow or only) and, unless mode is only,
// automatic persisted queries in an LRU of apqCacheSize documents.
func documentExtensions(mode string, docs manifest) []graphql.HandlerExtension {
	var exts []graphql.HandlerExtension
	if mode == trustedAllow || mode == trustedOnly {
		exts = append(exts, trustedDocuments{docs: docs, only: mode == trustedOnly})
	}
	if mode != trustedOnly {
		exts = append(exts, extension.AutomaticPersistedQuery{Cache: lru.New[string](apqCacheSize)})
	}
	return exts
}

// trustedDocuments resolves a request that sends only extensions.persistedQuery's
// sha256Hash to the manifest's document of that hash and, when only is set, refuses
// with DOCUMENT_NOT_TRUSTED any request whose document is not in the manifest.
type trustedDocuments struct {
	docs manifest
	only bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = trustedDocuments{}

func (trustedDocuments) ExtensionName() string                          { return "TrustedDocuments" }
func (trustedDocuments) Validate(schema graphql.ExecutableSchema) error { return nil }

func (t trustedDocuments) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	hash := ""
	if pq, ok := p.Extensions["persistedQuery"].(map[string]any); ok {
		hash, _ = pq["sha256Hash"].(string)
	}
	if p.Query == "" && hash != "" {
		if doc, ok := t.docs[hash]; ok {
			p.Query = doc
			return nil
		}
		if t.only {
			return notTrusted("no trusted document has the hash " + hash)
		}
		return nil // automatic persisted queries may know it
	}
	if !t.only {
		return nil
	}
	sum := sha256.Sum256([]byte(p.Query))
	if _, ok := t.docs[hex.EncodeToString(sum[:])]; !ok {
		return notTrusted("the document is not one of the server's trusted documents")
	}
	return nil
}

func notTrusted(message string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", message)
	errcode.Set(err, codeDocumentNotTrusted)
	return err
}
