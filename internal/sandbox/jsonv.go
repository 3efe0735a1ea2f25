package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// ErrorEntry is one entry of the documented error body
// {"errors":[{"code":"...","message":"..."}]}.
type ErrorEntry struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// APIError is an error answer: the HTTP status and the entries. CreateOrder
// returns it so Go callers see the same codes as HTTP callers.
type APIError struct {
	Status int
	Errors []ErrorEntry
}

func (e *APIError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, x := range e.Errors {
		parts[i] = x.Code + ": " + x.Message
	}
	return fmt.Sprintf("sandbox: HTTP %d: %s", e.Status, strings.Join(parts, "; "))
}

// Codes is the list of error codes, for assertions.
func (e *APIError) Codes() []string {
	out := make([]string, len(e.Errors))
	for i, x := range e.Errors {
		out[i] = x.Code
	}
	return out
}

func apiErr(status int, code, message string) *APIError {
	return &APIError{Status: status, Errors: []ErrorEntry{{Code: code, Message: message}}}
}

func notFound(what string) *APIError {
	// Documented codes (CERTCENTRAL.md, Errors): not_found|order,
	// not_found|product, not_found|route; the same pattern for certificates
	// and formats.
	return apiErr(http.StatusNotFound, "not_found|"+what, "The requested "+what+" could not be found.")
}

// Error codes for body fields. The qualifier is the field's full dotted path
// in the request body (certificate.common_name, ship_info.method); array
// indexes are left out so the code is stable. Top-level fields read exactly as
// documented: invalid_value:validity_years, "validity_years contains an invalid
// value.".
//
// choice: a required field that is absent (or JSON null) is
// missing_field:<path> with message "<path> is required." The pages do not
// name the code; only invalid_value is known (CERTCENTRAL.md, Errors), so we
// keep the same "<code>:<field>" pattern. A required string that is present but blank is
// invalid_value:<path>, since the field was sent.
func invalidValue(path string) ErrorEntry {
	return ErrorEntry{Code: "invalid_value:" + path, Message: path + " contains an invalid value."}
}

func missingField(path string) ErrorEntry {
	return ErrorEntry{Code: "missing_field:" + path, Message: path + " is required."}
}

// fieldErrs collects everything wrong with one body, so one response can
// list several fields at once.
type fieldErrs struct {
	format []ErrorEntry // wrong JSON types -> bad_request_format
	value  []ErrorEntry // missing_field / invalid_value / other codes
	nodes  []*jnode
}

func (f *fieldErrs) badType(path, want string) {
	f.format = append(f.format, ErrorEntry{Code: "bad_request_format", Message: fmt.Sprintf("The request body is not in the expected format: %s must be %s.", path, want)})
}
func (f *fieldErrs) missing(path string)   { f.value = append(f.value, missingField(path)) }
func (f *fieldErrs) invalid(path string)   { f.value = append(f.value, invalidValue(path)) }
func (f *fieldErrs) addEntry(e ErrorEntry) { f.value = append(f.value, e) }
func (f *fieldErrs) newNode(path string, m map[string]any) *jnode {
	n := &jnode{f: f, path: path, m: m, used: map[string]bool{}}
	f.nodes = append(f.nodes, n)
	return n
}

// unknown lists the body fields no rule read, as dotted paths, sorted.
func (f *fieldErrs) unknown() []string {
	var out []string
	for _, n := range f.nodes {
		for k := range n.m {
			if !n.used[k] {
				out = append(out, n.child(k))
			}
		}
	}
	sort.Strings(out)
	return out
}

// toAPIError turns the collected problems into the answer: wrong JSON types
// win (the body is malformed, so its values are not judged), otherwise every
// field problem at once.
func (f *fieldErrs) toAPIError() *APIError {
	if len(f.format) > 0 {
		return &APIError{Status: http.StatusBadRequest, Errors: f.format}
	}
	if len(f.value) > 0 {
		return &APIError{Status: http.StatusBadRequest, Errors: f.value}
	}
	return nil
}

// parseBody decodes a request body that must be one JSON object. Numbers stay
// json.Number so integers are checked exactly.
func parseBody(body []byte) (map[string]any, *APIError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, apiErr(http.StatusBadRequest, "bad_request_format", "The request body is empty; a JSON object is expected.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, apiErr(http.StatusBadRequest, "bad_request_format", "The request body is not valid JSON: "+err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, apiErr(http.StatusBadRequest, "bad_request_format", "The request body has data after the JSON object.")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, apiErr(http.StatusBadRequest, "bad_request_format", "The request body must be a JSON object.")
	}
	return m, nil
}

// jnode walks one JSON object of a request body. Every getter marks its key
// as read, so fields nobody read are the undocumented ones.
//
// choice: JSON null is treated as absent everywhere (clients that serialise
// nil pointers send null); a required field sent as null is missing_field.
type jnode struct {
	f    *fieldErrs
	path string
	m    map[string]any
	used map[string]bool
}

func (n *jnode) child(key string) string {
	if n.path == "" {
		return key
	}
	return n.path + "." + key
}

func (n *jnode) raw(key string) (any, bool) {
	n.used[key] = true
	v, ok := n.m[key]
	if !ok || v == nil {
		return nil, false
	}
	return v, true
}

// Has reports whether key is present and not null (and marks it read).
func (n *jnode) Has(key string) bool {
	_, ok := n.raw(key)
	return ok
}

// Str reads a string. ok is false when absent or of the wrong type.
func (n *jnode) Str(key string, required bool) (string, bool) {
	v, present := n.raw(key)
	if !present {
		if required {
			n.f.missing(n.child(key))
		}
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		n.f.badType(n.child(key), "a string")
		return "", false
	}
	if required && strings.TrimSpace(s) == "" {
		n.f.invalid(n.child(key))
		return "", false
	}
	return s, true
}

// Int reads an integer (a JSON number without fraction or exponent).
func (n *jnode) Int(key string, required bool) (int, bool) {
	v, present := n.raw(key)
	if !present {
		if required {
			n.f.missing(n.child(key))
		}
		return 0, false
	}
	i, ok := asInt(v)
	if !ok {
		n.f.badType(n.child(key), "an integer")
		return 0, false
	}
	return i, true
}

func asInt(v any) (int, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil || i > math.MaxInt32 || i < math.MinInt32 {
		return 0, false
	}
	return int(i), true
}

// Bool reads a boolean.
//
// choice: fields the pages type as bool accept JSON true/false and the
// integers 0 and 1, because the documented DV example sends "disable_ct": 0
// and the document signing examples send "csa_agreed_to": 1. Other numbers
// are invalid_value; strings ("true") are bad_request_format.
func (n *jnode) Bool(key string, required bool) (bool, bool) {
	v, present := n.raw(key)
	if !present {
		if required {
			n.f.missing(n.child(key))
		}
		return false, false
	}
	switch x := v.(type) {
	case bool:
		return x, true
	case json.Number:
		i, ok := asInt(x)
		if !ok {
			n.f.badType(n.child(key), "a boolean")
			return false, false
		}
		if i != 0 && i != 1 {
			n.f.invalid(n.child(key))
			return false, false
		}
		return i == 1, true
	}
	n.f.badType(n.child(key), "a boolean")
	return false, false
}

// Obj reads a nested object; nil when absent or of the wrong type.
func (n *jnode) Obj(key string, required bool) *jnode {
	v, present := n.raw(key)
	if !present {
		if required {
			n.f.missing(n.child(key))
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		n.f.badType(n.child(key), "an object")
		return nil
	}
	return n.f.newNode(n.child(key), m)
}

// Arr reads an array.
func (n *jnode) Arr(key string, required bool) ([]any, bool) {
	v, present := n.raw(key)
	if !present {
		if required {
			n.f.missing(n.child(key))
		}
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		n.f.badType(n.child(key), "an array")
		return nil, false
	}
	return a, true
}

// StrArr reads an array of strings.
func (n *jnode) StrArr(key string, required bool) ([]string, bool) {
	a, ok := n.Arr(key, required)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(a))
	for _, v := range a {
		s, isStr := v.(string)
		if !isStr {
			n.f.badType(n.child(key), "an array of strings")
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// IntArr reads an array of integers.
func (n *jnode) IntArr(key string, required bool) ([]int, bool) {
	a, ok := n.Arr(key, required)
	if !ok {
		return nil, false
	}
	out := make([]int, 0, len(a))
	for _, v := range a {
		i, isInt := asInt(v)
		if !isInt {
			n.f.badType(n.child(key), "an array of integers")
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

// ObjArr reads an array of objects.
func (n *jnode) ObjArr(key string, required bool) ([]*jnode, bool) {
	a, ok := n.Arr(key, required)
	if !ok {
		return nil, false
	}
	out := make([]*jnode, 0, len(a))
	for _, v := range a {
		m, isObj := v.(map[string]any)
		if !isObj {
			n.f.badType(n.child(key), "an array of objects")
			return nil, false
		}
		out = append(out, n.f.newNode(n.child(key), m))
	}
	return out, true
}

// OneOf reads a string that must be one of allowed (exact, case-sensitive).
func (n *jnode) OneOf(key string, required bool, allowed ...string) (string, bool) {
	s, ok := n.Str(key, required)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	n.f.invalid(n.child(key))
	return "", false
}

// Strings reads all the listed keys as required strings (a contact, an
// address) and returns them by key.
func (n *jnode) Strings(required []string, optional []string) map[string]string {
	out := map[string]string{}
	for _, k := range required {
		if v, ok := n.Str(k, true); ok {
			out[k] = v
		}
	}
	for _, k := range optional {
		if v, ok := n.Str(k, false); ok {
			out[k] = v
		}
	}
	return out
}
