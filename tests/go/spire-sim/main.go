// Command spire-sim plays the SPIRE server's disk UpstreamAuthority with the Go standard library
// only: it checks that the issuer's key matches the intermediate in cert_file_path, verifies that
// chain against bundle_file_path with Go's default options, mints its own CA (URI SAN
// spiffe://<td>) beneath the intermediate and an X509-SVID beneath that, and verifies the
// four-link chain. It writes spire-ca.pem, svid.pem and svid-chain.pem (SVID, SPIRE CA,
// intermediate) to -out so that other verifiers can check the same certificates.
//
// Exit status: 0 all verified; 3 the SVID chain was refused (the reason on stdout); 1 any other
// failure, such as a key mismatch or an intermediate chain that does not verify.
package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

func main() {
	chainFile := flag.String("chain", "", "cert_file_path: the intermediate, no root")
	bundleFile := flag.String("bundle", "", "bundle_file_path: the roots")
	keyFile := flag.String("key", "", "key_file_path: the issuer's key")
	trustDomain := flag.String("trust-domain", "", "the SPIRE server's trust domain")
	svidID := flag.String("svid-id", "", "the SPIFFE ID of the SVID (default spiffe://<td>/workload)")
	out := flag.String("out", "", "directory for spire-ca.pem, svid.pem and svid-chain.pem")
	flag.Parse()
	if *chainFile == "" || *bundleFile == "" || *keyFile == "" || *trustDomain == "" || *out == "" {
		fail("usage: spire-sim -chain F -bundle F -key F -trust-domain TD -out DIR [-svid-id URI]")
	}
	if *svidID == "" {
		*svidID = "spiffe://" + *trustDomain + "/workload"
	}

	chain := readCertificates(*chainFile)
	roots := readCertificates(*bundleFile)
	key := readKey(*keyFile)
	upstream := chain[0]
	if !samePublicKey(key.Public(), upstream.PublicKey) {
		fail("key does not match the certificate in " + *chainFile)
	}
	fmt.Println("key matches the intermediate")

	rootPool := x509.NewCertPool()
	for _, root := range roots {
		if !bytes.Equal(root.RawIssuer, root.RawSubject) {
			fail("bundle holds a certificate that is not self-signed: " + root.Subject.String())
		}
		rootPool.AddCert(root)
	}
	intermediates := x509.NewCertPool()
	for _, c := range chain[1:] {
		intermediates.AddCert(c)
	}
	if _, err := upstream.Verify(x509.VerifyOptions{Roots: rootPool,
		Intermediates: intermediates}); err != nil {
		fail("intermediate chain does not verify with Go's default options: " + err.Error())
	}
	fmt.Println("intermediate chain verifies with Go's default options")

	caKey := newKey()
	caTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{Organization: []string{"SPIRE"}, CommonName: "spire-sim CA"},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              minTime(time.Now().Add(24*time.Hour), upstream.NotAfter),
		BasicConstraintsValid: true,
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		URIs:                  []*url.URL{mustURL("spiffe://" + *trustDomain)},
	}
	spireCA := mint(caTemplate, upstream, caKey.Public(), key)
	fmt.Println("minted the SPIRE CA spiffe://" + *trustDomain + " beneath the intermediate")

	svidKey := newKey()
	svidTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{Organization: []string{"SPIRE"}},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              minTime(time.Now().Add(time.Hour), spireCA.NotAfter),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		URIs:                  []*url.URL{mustURL(*svidID)},
	}
	svid := mint(svidTemplate, spireCA, svidKey.Public(), caKey)
	fmt.Println("minted the SVID " + *svidID + " beneath the SPIRE CA")

	writePEM(filepath.Join(*out, "spire-ca.pem"), spireCA)
	writePEM(filepath.Join(*out, "svid.pem"), svid)
	writePEM(filepath.Join(*out, "svid-chain.pem"), svid, spireCA, upstream)

	pool := x509.NewCertPool()
	pool.AddCert(spireCA)
	pool.AddCert(upstream)
	for _, c := range chain[1:] {
		pool.AddCert(c)
	}
	chains, err := svid.Verify(x509.VerifyOptions{Roots: rootPool, Intermediates: pool,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		fmt.Println("svid refused: " + err.Error())
		os.Exit(3)
	}
	fmt.Printf("svid chain of %d links verifies\n", len(chains[0]))
	if len(chains[0]) != 4 {
		fail(fmt.Sprintf("expected a chain of 4 links, got %d", len(chains[0])))
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "spire-sim: "+message)
	os.Exit(1)
}

func readCertificates(file string) []*x509.Certificate {
	data, err := os.ReadFile(file)
	if err != nil {
		fail(err.Error())
	}
	var certificates []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			fail(file + " holds a " + block.Type)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			fail(file + ": " + err.Error())
		}
		certificates = append(certificates, c)
	}
	if len(certificates) == 0 {
		fail(file + " holds no certificate")
	}
	return certificates
}

func readKey(file string) crypto.Signer {
	data, err := os.ReadFile(file)
	if err != nil {
		fail(err.Error())
	}
	block, _ := pem.Decode(data)
	if block == nil {
		fail(file + " holds no PEM key")
	}
	var key interface{}
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		err = errors.New("unsupported PEM type " + block.Type)
	}
	if err != nil {
		fail(file + ": " + err.Error())
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		fail(file + " holds no signing key")
	}
	return signer
}

func samePublicKey(a, b crypto.PublicKey) bool {
	switch k := a.(type) {
	case *ecdsa.PublicKey:
		return k.Equal(b)
	case *rsa.PublicKey:
		return k.Equal(b)
	}
	return false
}

func newKey() *ecdsa.PrivateKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		fail(err.Error())
	}
	return key
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		fail(err.Error())
	}
	return n.Add(n, big.NewInt(1))
}

func mint(template, parent *x509.Certificate, public crypto.PublicKey,
	signer crypto.Signer) *x509.Certificate {
	der, err := x509.CreateCertificate(rand.Reader, template, parent, public, signer)
	if err != nil {
		fail("cannot mint " + template.Subject.String() + ": " + err.Error())
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		fail(err.Error())
	}
	return c
}

func mustURL(text string) *url.URL {
	u, err := url.Parse(text)
	if err != nil {
		fail(err.Error())
	}
	return u
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func writePEM(file string, certificates ...*x509.Certificate) {
	var buffer bytes.Buffer
	for _, c := range certificates {
		pem.Encode(&buffer, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	if err := os.WriteFile(file, buffer.Bytes(), 0o644); err != nil {
		fail(err.Error())
	}
}
