package sandbox

import (
	"bytes"
	"encoding/json"
	"strings"
)

// varyTypes rewrites a JSON answer with the type variations that public
// clients of the real API carry workarounds for (CERTCENTRAL.md, "Answers
// seen from the real API"):
//
//   - every integer "id" or "*_id" becomes a string: 123 -> "123";
//   - every boolean "is_*" becomes "1" or "0";
//   - an order object (one with "certificate" and "status") that has no
//     "organization" gets "organization": [];
//   - an error body whose "errors" holds one entry holds that entry as an
//     object instead of an array.
//
// A body that is not JSON is returned unchanged.
func varyTypes(body []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return body
	}
	if m, ok := v.(map[string]any); ok {
		if errs, ok := m["errors"].([]any); ok && len(errs) == 1 {
			m["errors"] = errs[0]
		}
	}
	out, err := json.Marshal(varyValue("", v))
	if err != nil {
		return body
	}
	return out
}

func varyValue(key string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			x[k] = varyValue(k, child)
		}
		_, hasCert := x["certificate"]
		_, hasStatus := x["status"]
		if _, hasOrg := x["organization"]; hasCert && hasStatus && !hasOrg {
			x["organization"] = []any{}
		}
		return x
	case []any:
		for i, child := range x {
			x[i] = varyValue("", child)
		}
		return x
	case json.Number:
		if key == "id" || strings.HasSuffix(key, "_id") {
			if _, err := x.Int64(); err == nil {
				return x.String()
			}
		}
	case bool:
		if strings.HasPrefix(key, "is_") {
			if x {
				return "1"
			}
			return "0"
		}
	}
	return v
}
