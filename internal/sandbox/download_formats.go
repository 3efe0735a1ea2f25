package sandbox

import (
	"archive/zip"
	"bytes"
	"encoding/asn1"
	"encoding/pem"
	"net/http"
	"regexp"
	"strings"
)

// Download formats (CERTCENTRAL.md, Download): pem_all (certificate,
// intermediate, root), pem_noroot, pem_nointermediate (certificate only),
// p7b and platform. Other formats (cer, the zip formats by name) answer
// 404 not_found|format.
//
// choice: p7b is a certs-only PKCS#7 SignedData (RFC 2315) with the
// certificate and the intermediate, PEM-armoured; platform is a zip with
// the certificate and the intermediate as <common name>.crt and
// DigiCertCA.crt, the layout DigiCert's "Other" platform downloads use.
func (s *Server) formatResp(certPEM, format string) response {
	switch format {
	case "pem_all":
		return pemResp(certPEM + s.ca.interPEM + s.ca.rootPEM)
	case "pem_noroot":
		return pemResp(certPEM + s.ca.interPEM)
	case "pem_nointermediate":
		return pemResp(certPEM)
	case "p7b":
		der, err := p7bCertsOnly(certPEM, s.ca.interPEM)
		if err != nil {
			return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
		}
		return response{status: http.StatusOK, ctype: "application/x-pkcs7-certificates",
			body: pem.EncodeToMemory(&pem.Block{Type: "PKCS7", Bytes: der})}
	case "platform":
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range []struct{ name, body string }{{fileSafe(subjectCN(certPEM)) + ".crt", certPEM}, {"DigiCertCA.crt", s.ca.interPEM}} {
			w, err := zw.Create(f.name)
			if err == nil {
				_, err = w.Write([]byte(f.body))
			}
			if err != nil {
				return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
			}
		}
		if err := zw.Close(); err != nil {
			return errResp(apiErr(http.StatusInternalServerError, "internal_error", err.Error()))
		}
		return response{status: http.StatusOK, ctype: "application/zip", body: buf.Bytes()}
	}
	return errResp(notFound("format"))
}

func pemResp(s string) response {
	return response{status: http.StatusOK, ctype: "application/x-pem-file", body: []byte(s)}
}

var unsafeFileRE = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// fileSafe turns a common name into a file name ("*.example.com" ->
// "star_example_com"), as certificate zips name their files.
func fileSafe(cn string) string {
	if strings.HasPrefix(cn, "*.") {
		cn = "star_" + cn[2:]
	}
	return unsafeFileRE.ReplaceAllString(strings.ReplaceAll(cn, ".", "_"), "_")
}

var (
	oidPKCS7Data       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidPKCS7SignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
)

// p7bCertsOnly builds a degenerate SignedData holding the certificates.
func p7bCertsOnly(pems ...string) ([]byte, error) {
	var certs []byte
	for _, p := range pems {
		rest := []byte(p)
		for {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			certs = append(certs, b.Bytes...)
		}
	}
	type contentInfo struct {
		ContentType asn1.ObjectIdentifier
	}
	type signedData struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		ContentInfo      contentInfo
		Certificates     asn1.RawValue
		SignerInfos      asn1.RawValue
	}
	emptySet := asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: []byte{}}
	sd, err := asn1.Marshal(signedData{
		Version: 1, DigestAlgorithms: emptySet, ContentInfo: contentInfo{oidPKCS7Data},
		Certificates: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: certs},
		SignerInfos:  emptySet,
	})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue
	}{oidPKCS7SignedData, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sd}})
}
