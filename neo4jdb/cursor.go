package neo4jdb

import (
	"encoding/base64"
	"encoding/json"
	"errors"

	"github.com/parkgraph/parkgraph/model"
)

// cursor is the keyset position of a list item: the order it belongs to, the item's sort
// key and its id. Encoded, it is opaque to clients.
type cursor struct {
	Property string `json:"p"`
	Desc     bool   `json:"d,omitempty"`
	Key      any    `json:"k"`
	ID       string `json:"i"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// afterParams decodes s into the afterKey and afterId parameters (both null when s is
// empty). A cursor that was not made by this package, or was made for another order,
// gives an INVALID error.
func afterParams(s string, order model.Order, params map[string]any) error {
	params["afterKey"], params["afterId"] = nil, nil
	if s == "" {
		return nil
	}
	var c cursor
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	switch c.Key.(type) {
	case nil, string, float64, bool: // the sort keys this package encodes
	default:
		err = errors.New("the sort key is not a single value")
	}
	if err != nil || c.ID == "" {
		return model.Errorf(model.CodeInvalid, "invalid cursor %q", s)
	}
	if c.Property != order.Property || c.Desc != order.Desc {
		return model.Errorf(model.CodeInvalid, "cursor %q belongs to another order", s)
	}
	params["afterKey"], params["afterId"] = c.Key, c.ID
	return nil
}
