package sandbox

import (
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strconv"
)

// chainCertJSON is one certificate of a chain: the immediate-issuance order
// answer's certificate_chain entries and the chain endpoint's.
type chainCertJSON struct {
	SubjectCommonName string `json:"subject_common_name"`
	PEM               string `json:"pem"`
}

func subjectCN(p string) string {
	b, _ := pem.Decode([]byte(p))
	if b == nil {
		return ""
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return ""
	}
	return c.Subject.CommonName
}

// chainJSON is the certificate, then the intermediate, then the root.
// choice: the order of public clients' recordings of certificate_chain.
func (s *Server) chainJSON(leafPEM string) []chainCertJSON {
	return []chainCertJSON{
		{SubjectCommonName: subjectCN(leafPEM), PEM: leafPEM},
		{SubjectCommonName: s.ca.inter.Subject.CommonName, PEM: s.ca.interPEM},
		{SubjectCommonName: s.ca.root.Subject.CommonName, PEM: s.ca.rootPEM},
	}
}

// certificateChain is GET /certificate/{certificate_id}/chain ->
// {"intermediates":[{subject_common_name, pem}]}, the shape a public Go
// client reads as the certificate's PEM bundle. choice (unconfirmed: no
// page read shows the answer): the certificate, the intermediate, the
// root, as in certificate_chain.
func (s *Server) certificateChain(k *apiKey, ref string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := strconv.Atoi(ref)
	if err != nil {
		return errResp(notFound("certificate"))
	}
	o := s.certs[id]
	if o == nil || o.acct != k.acct {
		return errResp(notFound("certificate"))
	}
	p := s.certPEMLocked(o, id)
	if p == "" {
		return errResp(notFound("certificate"))
	}
	return jsonResp(http.StatusOK, struct {
		Intermediates []chainCertJSON `json:"intermediates"`
	}{s.chainJSON(p)})
}
