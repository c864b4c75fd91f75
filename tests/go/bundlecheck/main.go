// Command bundlecheck is a second, independent implementation of the Anchorhold publication
// checks: it verifies manifest.jws with go-jose and Go's crypto/x509, every listed file's size
// and SHA-256, and every SPIFFE bundle against the rules of PROFILES.md.
//
// Usage: bundlecheck -roots trust.pem [-now 2026-06-01T13:00:00Z] PUBLICATION_DIR
//
// It prints one line, "OK ..." with exit 0, or "FAIL: why" with exit 1.
package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	jose "gopkg.in/square/go-jose.v2"
)

const (
	maxFileSize = 8 * 1024 * 1024
	jwsType     = "anchorhold-manifest+json"
)

// DESIGN.md's table of paths and content types, written again from the text.
var layout = []struct {
	pattern *regexp.Regexp
	ctype   string
}{
	{regexp.MustCompile(`^bundles/[a-z0-9._-]+\.json$`), "application/json"},
	{regexp.MustCompile(`^bundles/[a-z0-9._-]+\.pem$`), "application/pem-certificate-chain"},
	{regexp.MustCompile(`^roots/[a-z0-9][a-z0-9._-]*\.crt$`), "application/pkix-cert"},
	{regexp.MustCompile(`^crls/[a-z0-9][a-z0-9._-]*\.crl$`), "application/pkix-crl"},
	{regexp.MustCompile(`^issuers/[a-z0-9][a-z0-9._-]*/chain\.pem$`),
		"application/pem-certificate-chain"},
}

type manifestFile struct {
	Path        string `json:"path"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
}

type manifest struct {
	Sequence int64          `json:"sequence"`
	Issued   string         `json:"issued"`
	Expires  string         `json:"expires"`
	Files    []manifestFile `json:"files"`
}

func main() {
	rootsFile := flag.String("roots", "", "PEM file of trusted roots")
	nowFlag := flag.String("now", "", "RFC 3339 time to check at (default: now)")
	flag.Parse()
	if *rootsFile == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: bundlecheck -roots trust.pem [-now TIME] DIR")
		os.Exit(2)
	}
	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fail("bad -now: %v", err)
		}
		now = t
	}
	summary, err := check(flag.Arg(0), *rootsFile, now)
	if err != nil {
		fail("%v", err)
	}
	fmt.Println("OK " + summary)
}

func fail(format string, args ...interface{}) {
	fmt.Println("FAIL: " + fmt.Sprintf(format, args...))
	os.Exit(1)
}

func check(dir, rootsFile string, now time.Time) (string, error) {
	trusted, err := readPEMCerts(rootsFile)
	if err != nil {
		return "", fmt.Errorf("roots: %v", err)
	}
	manifestJSON, err := readFile(dir, "manifest.json")
	if err != nil {
		return "", err
	}
	jwsBytes, err := readFile(dir, "manifest.jws")
	if err != nil {
		return "", err
	}
	signer, err := checkJWS(jwsBytes, manifestJSON, trusted, now)
	if err != nil {
		return "", err
	}
	m, err := parseManifest(manifestJSON)
	if err != nil {
		return "", err
	}
	issued, expires, err := manifestTimes(m, now)
	if err != nil {
		return "", err
	}
	files, err := checkFiles(dir, m)
	if err != nil {
		return "", err
	}
	roots, err := checkRoots(files)
	if err != nil {
		return "", err
	}
	if err := checkCRLs(files, roots, signer, expires, now); err != nil {
		return "", err
	}
	bundles, err := checkBundles(files, m.Sequence)
	if err != nil {
		return "", err
	}
	chains, err := checkChains(files, roots, now)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("sequence=%d issued=%s files=%d bundles=%d chains=%d alg=%s", m.Sequence,
		issued.Format(time.RFC3339), len(files), bundles, chains, algOf(signer)), nil
}

// strictObject reads one JSON object: no duplicate member, nothing after it.
func strictObject(data []byte, where string) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%s must be a json object", where)
	}
	out := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		key := tok.(string)
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("%s: duplicate member %q", where, key)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%s.%s: %v", where, key, err)
		}
		out[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: data after the object", where)
	}
	return out, nil
}

func exactMembers(obj map[string]json.RawMessage, where string, want ...string) error {
	var got []string
	for k := range obj {
		got = append(got, k)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		return fmt.Errorf("%s members are [%s], want [%s]", where, strings.Join(got, ","),
			strings.Join(want, ","))
	}
	return nil
}

func checkJWS(jwsBytes, manifestJSON []byte, trusted []*x509.Certificate,
	now time.Time) (*x509.Certificate, error) {
	compact := string(jwsBytes)
	parts := strings.Split(compact, ".")
	if len(parts) != 3 || parts[1] == "" {
		return nil, errors.New("manifest.jws is not a compact jws with a payload")
	}
	headerJSON, err := base64.RawURLEncoding.Strict().DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("jws header: %v", err)
	}
	header, err := strictObject(headerJSON, "jws header")
	if err != nil {
		return nil, err
	}
	if err := exactMembers(header, "jws header", "alg", "typ", "x5c"); err != nil {
		return nil, err
	}
	var typ string
	if json.Unmarshal(header["typ"], &typ) != nil || typ != jwsType {
		return nil, fmt.Errorf("jws typ must be %s", jwsType)
	}
	jws, err := jose.ParseSigned(compact)
	if err != nil {
		return nil, fmt.Errorf("go-jose cannot parse manifest.jws: %v", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("manifest.jws must carry one signature")
	}
	pool := x509.NewCertPool()
	for _, r := range trusted {
		pool.AddCert(r)
	}
	chains, err := jws.Signatures[0].Protected.Certificates(x509.VerifyOptions{
		Roots: pool, CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return nil, fmt.Errorf("x5c does not chain to a trusted root: %v", err)
	}
	leaf := chains[0][0]
	if leaf.IsCA || leaf.KeyUsage&x509.KeyUsageDigitalSignature == 0 ||
		leaf.KeyUsage&(x509.KeyUsageCertSign|x509.KeyUsageCRLSign) != 0 {
		return nil, errors.New("publication certificate must be an end entity with" +
			" digitalSignature only")
	}
	if len(chains[0]) != 2 {
		return nil, errors.New("publication certificate must be issued by a root directly")
	}
	alg := jws.Signatures[0].Protected.Algorithm
	if !algAccepted(leaf, alg) {
		return nil, fmt.Errorf("jws alg %s does not match the publication key", alg)
	}
	payload, err := jws.Verify(leaf.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("jws signature: %v", err)
	}
	if !bytes.Equal(payload, manifestJSON) {
		return nil, errors.New("manifest.json differs from the signed payload")
	}
	return leaf, nil
}

func algOf(cert *x509.Certificate) string {
	switch k := cert.PublicKey.(type) {
	case *ecdsa.PublicKey:
		if k.Curve == elliptic.P256() {
			return "ES256"
		}
		if k.Curve == elliptic.P384() {
			return "ES384"
		}
	case *rsa.PublicKey:
		return "RS256"
	}
	return "?"
}

func algAccepted(cert *x509.Certificate, alg string) bool {
	if _, ok := cert.PublicKey.(*rsa.PublicKey); ok {
		return alg == "RS256" || alg == "PS256"
	}
	return alg == algOf(cert)
}

func parseManifest(data []byte) (*manifest, error) {
	top, err := strictObject(data, "manifest")
	if err != nil {
		return nil, err
	}
	if err := exactMembers(top, "manifest", "sequence", "issued", "expires", "files"); err != nil {
		return nil, err
	}
	var files []json.RawMessage
	if err := json.Unmarshal(top["files"], &files); err != nil {
		return nil, fmt.Errorf("manifest.files: %v", err)
	}
	for i, f := range files {
		obj, err := strictObject(f, fmt.Sprintf("manifest.files[%d]", i))
		if err != nil {
			return nil, err
		}
		if err := exactMembers(obj, fmt.Sprintf("manifest.files[%d]", i), "path", "size",
			"sha256", "content_type"); err != nil {
			return nil, err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest: %v", err)
	}
	if m.Sequence < 1 || m.Sequence > 999999999999 {
		return nil, errors.New("manifest sequence out of range")
	}
	return &m, nil
}

func manifestTimes(m *manifest, now time.Time) (time.Time, time.Time, error) {
	issued, err1 := time.Parse("2006-01-02T15:04:05Z", m.Issued)
	expires, err2 := time.Parse("2006-01-02T15:04:05Z", m.Expires)
	if err1 != nil || err2 != nil {
		return issued, expires, errors.New("manifest times must be UTC whole seconds")
	}
	if !expires.After(issued) {
		return issued, expires, errors.New("manifest expires before it is issued")
	}
	if !now.Before(expires) {
		return issued, expires, fmt.Errorf("manifest expired at %s", m.Expires)
	}
	return issued, expires, nil
}

func checkFiles(dir string, m *manifest) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, f := range m.Files {
		if _, dup := files[f.Path]; dup {
			return nil, fmt.Errorf("%s listed twice", f.Path)
		}
		ctype := ""
		for _, l := range layout {
			if l.pattern.MatchString(f.Path) {
				ctype = l.ctype
			}
		}
		if ctype == "" || strings.Contains(f.Path, "..") {
			return nil, fmt.Errorf("%s is not a path of the layout", f.Path)
		}
		if f.ContentType != ctype {
			return nil, fmt.Errorf("%s has content type %s, want %s", f.Path, f.ContentType, ctype)
		}
		data, err := readFile(dir, f.Path)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			return nil, fmt.Errorf("%s does not match its size and sha-256", f.Path)
		}
		files[f.Path] = data
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if _, ok := files[rel]; !ok && rel != "manifest.json" && rel != "manifest.jws" {
			return fmt.Errorf("%s is in the directory but not in the manifest", rel)
		}
		return nil
	})
	return files, err
}

func readFile(dir, rel string) ([]byte, error) {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	info, err := os.Lstat(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", rel, err)
	}
	if !info.Mode().IsRegular() || info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s is not a regular file under the size cap", rel)
	}
	return os.ReadFile(p)
}

func checkRoots(files map[string][]byte) (map[string]*x509.Certificate, error) {
	roots := map[string]*x509.Certificate{}
	for p, data := range files {
		if !strings.HasPrefix(p, "roots/") {
			continue
		}
		cert, err := x509.ParseCertificate(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		if err := selfSignedCA(cert); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		roots[strings.TrimSuffix(strings.TrimPrefix(p, "roots/"), ".crt")] = cert
	}
	if len(roots) == 0 {
		return nil, errors.New("the publication holds no root")
	}
	return roots, nil
}

func selfSignedCA(cert *x509.Certificate) error {
	if !cert.IsCA || !bytes.Equal(cert.RawIssuer, cert.RawSubject) {
		return errors.New("not a self-signed ca certificate")
	}
	return cert.CheckSignatureFrom(cert)
}

func checkCRLs(files map[string][]byte, roots map[string]*x509.Certificate,
	signer *x509.Certificate, expires, now time.Time) error {
	var earliest time.Time
	for name, root := range roots {
		p := "crls/" + name + ".crl"
		data, ok := files[p]
		if !ok {
			return fmt.Errorf("root %s has no crl", name)
		}
		crl, err := x509.ParseRevocationList(data)
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		if err := crl.CheckSignatureFrom(root); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		if !bytes.Equal(crl.RawIssuer, root.RawSubject) {
			return fmt.Errorf("%s: issuer differs from the root's subject", p)
		}
		if !now.Before(crl.NextUpdate) {
			return fmt.Errorf("%s expired at %s", p, crl.NextUpdate.UTC().Format(time.RFC3339))
		}
		if earliest.IsZero() || crl.NextUpdate.Before(earliest) {
			earliest = crl.NextUpdate
		}
		if bytes.Equal(signer.RawIssuer, root.RawSubject) {
			for _, revoked := range crl.RevokedCertificates {
				if revoked.SerialNumber.Cmp(signer.SerialNumber) == 0 {
					return errors.New("the publication certificate is revoked")
				}
			}
		}
	}
	if !earliest.Equal(expires) {
		return fmt.Errorf("manifest expires %s, the earliest crl nextUpdate is %s",
			expires.Format(time.RFC3339), earliest.UTC().Format(time.RFC3339))
	}
	return nil
}

func checkBundles(files map[string][]byte, sequence int64) (int, error) {
	count := 0
	for p, data := range files {
		if !strings.HasPrefix(p, "bundles/") || !strings.HasSuffix(p, ".json") {
			continue
		}
		certs, err := checkBundle(data, sequence)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", p, err)
		}
		twin := strings.TrimSuffix(p, ".json") + ".pem"
		pemCerts, err := parsePEMCerts(files[twin])
		if err != nil {
			return 0, fmt.Errorf("%s: %v", twin, err)
		}
		if len(pemCerts) != len(certs) {
			return 0, fmt.Errorf("%s holds other roots than %s", twin, p)
		}
		for i := range certs {
			if !certs[i].Equal(pemCerts[i]) {
				return 0, fmt.Errorf("%s holds other roots than %s", twin, p)
			}
		}
		count++
	}
	if count == 0 {
		return 0, errors.New("the publication holds no bundle")
	}
	return count, nil
}

// checkBundle applies PROFILES.md's SPIFFE bundle rules.
func checkBundle(data []byte, sequence int64) ([]*x509.Certificate, error) {
	top, err := strictObject(data, "bundle")
	if err != nil {
		return nil, err
	}
	if err := exactMembers(top, "bundle", "keys", "spiffe_sequence",
		"spiffe_refresh_hint"); err != nil {
		return nil, err
	}
	var seq, hint int64
	if json.Unmarshal(top["spiffe_sequence"], &seq) != nil || seq != sequence {
		return nil, fmt.Errorf("spiffe_sequence must equal the manifest sequence %d", sequence)
	}
	if json.Unmarshal(top["spiffe_refresh_hint"], &hint) != nil || hint <= 0 {
		return nil, errors.New("spiffe_refresh_hint must be a positive integer")
	}
	var keys []json.RawMessage
	if err := json.Unmarshal(top["keys"], &keys); err != nil || len(keys) == 0 {
		return nil, errors.New("keys must be a non-empty array")
	}
	var certs []*x509.Certificate
	for i, raw := range keys {
		cert, err := checkBundleKey(raw, fmt.Sprintf("keys[%d]", i))
		if err != nil {
			return nil, err
		}
		for _, prev := range certs {
			if prev.Equal(cert) {
				return nil, fmt.Errorf("keys[%d] repeats a root", i)
			}
		}
		certs = append(certs, cert)
	}
	// The set as a whole must also read as a JWK Set in go-jose.
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(data, &set); err != nil || len(set.Keys) != len(keys) {
		return nil, fmt.Errorf("go-jose rejects the key set: %v", err)
	}
	return certs, nil
}

func checkBundleKey(raw json.RawMessage, where string) (*x509.Certificate, error) {
	obj, err := strictObject(raw, where)
	if err != nil {
		return nil, err
	}
	var kty, use string
	json.Unmarshal(obj["kty"], &kty)
	json.Unmarshal(obj["use"], &use)
	switch kty {
	case "EC":
		err = exactMembers(obj, where, "use", "kty", "crv", "x", "y", "x5c")
	case "RSA":
		err = exactMembers(obj, where, "use", "kty", "n", "e", "x5c")
	default:
		err = fmt.Errorf("%s.kty must be EC or RSA", where)
	}
	if err != nil {
		return nil, err
	}
	if use != "x509-svid" {
		return nil, fmt.Errorf("%s.use must be x509-svid", where)
	}
	for _, member := range []string{"crv", "x", "y", "n", "e"} {
		var s string
		if v, ok := obj[member]; ok {
			if json.Unmarshal(v, &s) != nil || strings.ContainsAny(s, "=+/") {
				return nil, fmt.Errorf("%s.%s must be base64url without padding", where, member)
			}
		}
	}
	var x5c []string
	if err := json.Unmarshal(obj["x5c"], &x5c); err != nil || len(x5c) != 1 {
		return nil, fmt.Errorf("%s.x5c must hold exactly one certificate", where)
	}
	der, err := base64.StdEncoding.Strict().DecodeString(x5c[0])
	if err != nil {
		return nil, fmt.Errorf("%s.x5c[0] must be standard base64: %v", where, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("%s.x5c[0]: %v", where, err)
	}
	if err := selfSignedCA(cert); err != nil {
		return nil, fmt.Errorf("%s.x5c[0] is not a root: %v", where, err)
	}
	// go-jose checks fixed-width EC coordinates (RFC 7518 §6.2.1.2) and that the key
	// parameters equal the x5c certificate's key (RFC 7517 §4.7).
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if !jwk.Valid() || !jwk.IsPublic() {
		return nil, fmt.Errorf("%s is not a valid public key", where)
	}
	return cert, nil
}

func checkChains(files map[string][]byte, roots map[string]*x509.Certificate,
	now time.Time) (int, error) {
	pool := x509.NewCertPool()
	for _, r := range roots {
		pool.AddCert(r)
	}
	count := 0
	for p, data := range files {
		if !strings.HasPrefix(p, "issuers/") {
			continue
		}
		chain, err := parsePEMCerts(data)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", p, err)
		}
		inter := x509.NewCertPool()
		for _, c := range chain {
			if bytes.Equal(c.RawIssuer, c.RawSubject) {
				return 0, fmt.Errorf("%s holds a self-signed certificate", p)
			}
			inter.AddCert(c)
		}
		if !chain[0].IsCA || len(chain[0].ExtKeyUsage) != 0 || len(chain[0].URIs) != 1 ||
			chain[0].URIs[0].Scheme != "spiffe" || chain[0].URIs[0].Path != "" {
			return 0, fmt.Errorf("%s: the intermediate breaks the SPIRE upstream profile", p)
		}
		_, err = chain[0].Verify(x509.VerifyOptions{Roots: pool, Intermediates: inter,
			CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
		if err != nil {
			return 0, fmt.Errorf("%s does not verify to a published root: %v", p, err)
		}
		count++
	}
	return count, nil
}

func readPEMCerts(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parsePEMCerts(data)
}

func parsePEMCerts(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("pem block %s", block.Type)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		certs = append(certs, cert)
	}
	if len(bytes.TrimSpace(rest)) != 0 || len(certs) == 0 {
		return nil, errors.New("not a pem file of certificates only")
	}
	return certs, nil
}
