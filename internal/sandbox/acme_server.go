package sandbox

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"hash"
	"io"
	"math/big"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// A minimal ACME server (RFC 8555), so that a credential made through the
// key endpoints can be shown to work with a real ACME client: the directory,
// new nonces, and new accounts with External Account Binding (section
// 7.3.4). It issues nothing: orders are outside what the provider manages.
// Served below acmeDirectoryPath's prefix, without the API key.

const acmePrefix = "/acme/v2/acme/"

func (s *Server) serveACME(w http.ResponseWriter, r *http.Request) {
	base := s.baseURL() + acmePrefix
	switch strings.TrimPrefix(r.URL.Path, acmePrefix) {
	case "directory/", "directory":
		writeACME(w, http.StatusOK, map[string]any{
			"newNonce": base + "new-nonce", "newAccount": base + "new-account", "newOrder": base + "new-order",
			"revokeCert": base + "revoke-cert", "keyChange": base + "key-change",
			"meta": map[string]any{"externalAccountRequired": true},
		}, s.newNonce())
	case "new-nonce":
		w.Header().Set("Replay-Nonce", s.newNonce())
		w.Header().Set("Cache-Control", "no-store")
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case "new-account":
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		status, out := s.newACMEAccount(base+"new-account", body)
		if loc, ok := out["location"].(string); ok {
			delete(out, "location")
			w.Header().Set("Location", loc)
		}
		writeACME(w, status, out, s.newNonce())
	default:
		writeACME(w, http.StatusNotFound, acmeProblem("malformed", "no such ACME resource"), s.newNonce())
	}
}

func writeACME(w http.ResponseWriter, status int, v map[string]any, nonce string) {
	ctype := "application/json"
	if _, ok := v["type"]; ok {
		ctype = "application/problem+json"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Replay-Nonce", nonce)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func acmeProblem(typ, detail string) map[string]any {
	return map[string]any{"type": "urn:ietf:params:acme:error:" + typ, "detail": detail}
}

func (s *Server) newNonce() string {
	n := randomB64(16)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.acme.nonces == nil {
		s.acme.nonces = map[string]bool{}
	}
	s.acme.nonces[n] = true
	return n
}

// flatJWS is a JWS in the flattened JSON serialization (RFC 8555 6.2).
type flatJWS struct {
	Protected string `json:"protected"`
	Payload   string `json:"payload"`
	Signature string `json:"signature"`
}

type jwsHeader struct {
	Alg   string          `json:"alg"`
	JWK   json.RawMessage `json:"jwk"`
	KID   string          `json:"kid"`
	Nonce string          `json:"nonce"`
	URL   string          `json:"url"`
}

// newACMEAccount checks the outer JWS (signed by the account key it
// carries), then the External Account Binding, and answers 201 with the
// account.
func (s *Server) newACMEAccount(url string, body []byte) (int, map[string]any) {
	var outer flatJWS
	if err := json.Unmarshal(body, &outer); err != nil {
		return http.StatusBadRequest, acmeProblem("malformed", "the body is not a flattened JWS")
	}
	var h jwsHeader
	if !decodeB64JSON(outer.Protected, &h) || len(h.JWK) == 0 || h.URL != url {
		return http.StatusBadRequest, acmeProblem("malformed", "the protected header needs jwk and url "+url)
	}
	s.mu.Lock()
	fresh := s.acme.nonces[h.Nonce]
	delete(s.acme.nonces, h.Nonce)
	s.mu.Unlock()
	if !fresh {
		return http.StatusBadRequest, acmeProblem("badNonce", "unknown or used nonce")
	}
	if !verifyJWS(h.Alg, h.JWK, outer) {
		return http.StatusBadRequest, acmeProblem("malformed", "the JWS signature does not verify with its jwk")
	}
	var payload struct {
		Contact []string        `json:"contact"`
		EAB     json.RawMessage `json:"externalAccountBinding"`
	}
	if !decodeB64JSON(outer.Payload, &payload) {
		return http.StatusBadRequest, acmeProblem("malformed", "the payload is not JSON")
	}
	if len(payload.EAB) == 0 {
		return http.StatusUnauthorized, acmeProblem("externalAccountRequired", "this server requires an External Account Binding")
	}
	cred, problem := s.verifyEAB(payload.EAB, h.JWK, url)
	if problem != "" {
		return http.StatusUnauthorized, acmeProblem("unauthorized", problem)
	}
	s.mu.Lock()
	s.acme.accounts++
	n := s.acme.accounts
	cred.bound++
	cred.lastUsed = s.clk.now()
	s.mu.Unlock()
	loc := s.baseURL() + acmePrefix + "account/" + strconv.Itoa(n)
	return http.StatusCreated, map[string]any{"status": "valid", "contact": payload.Contact, "orders": loc + "/orders", "location": loc}
}

// verifyEAB checks an External Account Binding as RFC 8555 7.3.4 defines
// it: a JWS with an HMAC alg, kid the key ID, url the newAccount URL, the
// account's JWK as payload, MACed with the (base64url-decoded) HMAC key of
// an active credential.
func (s *Server) verifyEAB(raw json.RawMessage, accountJWK json.RawMessage, url string) (*acmeCred, string) {
	var eab flatJWS
	var h jwsHeader
	if json.Unmarshal(raw, &eab) != nil || !decodeB64JSON(eab.Protected, &h) {
		return nil, "externalAccountBinding is not a JWS"
	}
	var newMAC func() hash.Hash
	switch h.Alg {
	case "HS256":
		newMAC = sha256.New
	case "HS384":
		newMAC = sha512.New384
	case "HS512":
		newMAC = sha512.New
	default:
		return nil, "externalAccountBinding alg must be HS256, HS384 or HS512"
	}
	if h.URL != url || h.Nonce != "" {
		return nil, "externalAccountBinding must carry url " + url + " and no nonce"
	}
	var payloadJWK, outerJWK any
	if !decodeB64JSON(eab.Payload, &payloadJWK) || json.Unmarshal(accountJWK, &outerJWK) != nil || !reflect.DeepEqual(payloadJWK, outerJWK) {
		return nil, "externalAccountBinding payload is not the account key"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var cred *acmeCred
	for _, c := range s.acme.creds {
		if c.kid == h.KID {
			cred = c
		}
	}
	if cred == nil || cred.status != "active" {
		return nil, "externalAccountBinding kid is not an active ACME credential"
	}
	key, err := base64.RawURLEncoding.DecodeString(cred.hmac)
	if err != nil {
		return nil, "the credential's HMAC key is not base64url"
	}
	sig, err := base64.RawURLEncoding.DecodeString(eab.Signature)
	mac := hmac.New(newMAC, key)
	mac.Write([]byte(eab.Protected + "." + eab.Payload))
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return nil, "externalAccountBinding MAC does not verify with the credential's HMAC key"
	}
	return cred, ""
}

func decodeB64JSON(s string, out any) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && json.Unmarshal(b, out) == nil
}

// verifyJWS checks the outer signature for the two key types ACME clients
// use: ES256 (P-256) and RS256.
func verifyJWS(alg string, rawJWK json.RawMessage, j flatJWS) bool {
	var k struct{ Kty, Crv, X, Y, N, E string }
	sig, err := base64.RawURLEncoding.DecodeString(j.Signature)
	if err != nil || json.Unmarshal(rawJWK, &k) != nil {
		return false
	}
	digest := sha256.Sum256([]byte(j.Protected + "." + j.Payload))
	num := func(s string) *big.Int {
		b, _ := base64.RawURLEncoding.DecodeString(s)
		return new(big.Int).SetBytes(b)
	}
	switch {
	case alg == "ES256" && k.Kty == "EC" && k.Crv == "P-256" && len(sig) == 64:
		x, errX := base64.RawURLEncoding.DecodeString(k.X)
		y, errY := base64.RawURLEncoding.DecodeString(k.Y)
		if errX != nil || errY != nil || len(x) != 32 || len(y) != 32 {
			return false
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
		return err == nil && ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:]))
	case alg == "RS256" && k.Kty == "RSA":
		pub := &rsa.PublicKey{N: num(k.N), E: int(num(k.E).Int64())}
		return rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig) == nil
	}
	return false
}
