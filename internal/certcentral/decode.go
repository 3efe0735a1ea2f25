package certcentral

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Tolerant decoding of CertCentral's answers (CERTCENTRAL.md, "Answers seen
// from the real API"). The real API has sent fields in other JSON types than
// its pages show: `organization` as [] when there is none, IDs as strings,
// flags such as is_multi_year_plan as "1". The rules:
//
//   - A field the response types do not declare is never looked at, so it
//     can never fail a read. The types declare only what the provider uses.
//   - A declared field is decoded where the meaning of the surprising type is
//     clear: a numeric string or a whole number for an integer, 1/0, "1"/"0"
//     and "true"/"false" for a boolean, a number for a string (its text),
//     [] or "" for an absent object, {} or "" for an absent list, null for
//     nothing.
//   - Anything else fails the read with a *FieldTypeError naming the field's
//     path, such as certificate.valid_till or orders[3].id.

// FieldTypeError is a field of an answer whose JSON type has no clear
// meaning for it.
type FieldTypeError struct {
	Path string // e.g. "certificate.id", "orders[2].status"
	Got  string // the JSON type sent: "a string", "an object", ...
	Want string // what the field holds: "an integer", ...
	// Value is the start of what was sent, for the message.
	Value string
}

func (e *FieldTypeError) Error() string {
	return fmt.Sprintf("field %s: CertCentral sent %s (%s) where %s was expected", e.Path, e.Got, e.Value, e.Want)
}

// decodeTolerant decodes one JSON answer into out (a pointer) by the rules
// above. An answer typed as documented takes encoding/json's own path (about
// four times faster); only one that fails there is normalized.
func decodeTolerant(raw []byte, out any) error {
	err := json.Unmarshal(raw, out)
	var typeErr *json.UnmarshalTypeError
	if err == nil || !errors.As(err, &typeErr) {
		return err
	}
	if rv := reflect.ValueOf(out); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero() // drop what the failed attempt filled in
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON value")
	}
	t := reflect.TypeOf(out)
	if t == nil || t.Kind() != reflect.Pointer {
		return fmt.Errorf("decodeTolerant needs a pointer, got %T", out)
	}
	norm, err := normalize(v, t.Elem(), "")
	if err != nil {
		return err
	}
	b, err := json.Marshal(norm)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// normalize rewrites v, a value decoded with UseNumber, into the JSON shape
// that type t decodes without error, or fails naming path.
func normalize(v any, t reflect.Type, path string) (any, error) {
	if reflect.PointerTo(t).Implements(unmarshalerType) || t.Implements(unmarshalerType) {
		return v, nil // the type decodes itself (LooseString, ...)
	}
	if v == nil {
		return nil, nil
	}
	fail := func(want string) (any, error) {
		return nil, &FieldTypeError{Path: displayPath(path), Got: jsonTypeName(v), Want: want, Value: valueExcerpt(v)}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return normalize(v, t.Elem(), path)
	case reflect.Interface:
		return v, nil
	case reflect.Struct:
		switch x := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(x))
			for _, f := range structFields(t) {
				val, ok := x[f.name]
				if !ok {
					continue
				}
				n, err := normalize(val, f.typ, joinPath(path, f.name))
				if err != nil {
					return nil, err
				}
				out[f.name] = n
			}
			return out, nil
		case []any:
			if len(x) == 0 { // PHP's empty array for an absent object
				return nil, nil
			}
		case string:
			if x == "" {
				return nil, nil
			}
		}
		return fail("an object")
	case reflect.Slice, reflect.Array:
		switch x := v.(type) {
		case []any:
			out := make([]any, len(x))
			for i, el := range x {
				n, err := normalize(el, t.Elem(), path+"["+strconv.Itoa(i)+"]")
				if err != nil {
					return nil, err
				}
				out[i] = n
			}
			return out, nil
		case map[string]any:
			if len(x) == 0 {
				return nil, nil
			}
		case string:
			if x == "" {
				return nil, nil
			}
		}
		return fail("a list")
	case reflect.Map:
		switch x := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(x))
			for k, el := range x {
				n, err := normalize(el, t.Elem(), joinPath(path, k))
				if err != nil {
					return nil, err
				}
				out[k] = n
			}
			return out, nil
		case []any:
			if len(x) == 0 {
				return nil, nil
			}
		}
		return fail("an object")
	case reflect.String:
		switch x := v.(type) {
		case string:
			return x, nil
		case json.Number:
			return x.String(), nil
		}
		return fail("a string")
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case json.Number:
			switch x.String() {
			case "1":
				return true, nil
			case "0":
				return false, nil
			}
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "1", "true":
				return true, nil
			case "0", "false":
				return false, nil
			case "":
				return nil, nil
			}
		}
		return fail("a boolean")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		want := "an integer"
		if t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64 {
			want = "a number"
		}
		var text string
		switch x := v.(type) {
		case json.Number:
			text = x.String()
		case string:
			text = strings.TrimSpace(x)
			if text == "" {
				return nil, nil
			}
		default:
			return fail(want)
		}
		if !fitsNumber(text, t) {
			return fail(want)
		}
		return json.Number(text), nil
	}
	return fail(t.String())
}

// fitsNumber reports whether text is a number that t can hold (a whole one
// for the integer kinds).
func fitsNumber(text string, t reflect.Type) bool {
	var err error
	switch t.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(text, 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(text, t.Bits())
	default:
		_, err = strconv.ParseInt(text, 10, t.Bits())
	}
	return err == nil
}

type jsonField struct {
	name string
	typ  reflect.Type
}

var fieldCache sync.Map // reflect.Type -> []jsonField

// structFields lists the JSON fields of a struct type the way encoding/json
// names them (embedded structs flattened, "-" skipped).
func structFields(t reflect.Type) []jsonField {
	if cached, ok := fieldCache.Load(t); ok {
		fields, _ := cached.([]jsonField)
		return fields
	}
	var fields []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				fields = append(fields, structFields(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields = append(fields, jsonField{name: name, typ: f.Type})
	}
	fieldCache.Store(t, fields)
	return fields
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func displayPath(path string) string {
	if path == "" {
		return "(the whole answer)"
	}
	return path
}

func jsonTypeName(v any) string {
	switch x := v.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		if len(x) == 0 {
			return "an empty list"
		}
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "null"
}

func valueExcerpt(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return excerpt(b, 60)
}

// parseErrorEntries reads the entries of an error body. The documented shape
// is {"errors":[{"code","message"}, ...]}; also read are an "errors" that is
// one {"code","message"} object, and an object of code -> message. Entries
// with neither code nor message are dropped. ok is false when the body holds
// no entry at all (the caller then quotes the body).
func parseErrorEntries(raw []byte) (entries []ErrorEntry, ok bool) {
	var body struct {
		Errors any `json:"errors"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&body) != nil {
		return nil, false
	}
	var add func(code string, v any)
	add = func(code string, v any) {
		switch x := v.(type) {
		case map[string]any:
			c, hasCode := x["code"]
			m, hasMsg := x["message"]
			if hasCode || hasMsg {
				e := ErrorEntry{Code: scalarText(c), Message: scalarText(m)}
				if e.Code == "" {
					e.Code = code
				}
				if e.Code != "" || e.Message != "" {
					entries = append(entries, e)
				}
				return
			}
			if code != "" {
				return // an object of objects is too far from any known shape
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			// Map order is random; the answer's entries must not be.
			sort.Strings(keys)
			for _, k := range keys {
				add(k, x[k])
			}
		case string, json.Number, bool:
			// The value of a code key; a bare string is left to the excerpt.
			if code != "" {
				entries = append(entries, ErrorEntry{Code: code, Message: scalarText(x)})
			}
		}
	}
	switch x := body.Errors.(type) {
	case []any:
		for _, el := range x {
			add("", el)
		}
	default:
		add("", x)
	}
	return entries, len(entries) > 0
}

// scalarText is the text of a JSON string, number or boolean ("" otherwise).
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}
