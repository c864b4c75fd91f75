# Shared by bin/demo, bin/test and .ci/run: the Debian packages Anchorhold needs, and a check
# that installs them when run as root and otherwise prints the exact command.

# Packages the tests and the demo use; each is named for what needs it.
ANCHORHOLD_PACKAGES=(
  softhsm2                            # the PKCS#11 token of tests and the demo
  opensc                              # pkcs11-tool: token set-up, key attribute checks
  openssl                             # issuers' keys and CSRs; verification in tests
  gnutls-bin                          # certtool: a second verifier
  golang-go                           # Go's crypto/x509 as a third verifier (SPIRE's view)
  golang-gopkg-square-go-jose.v2-dev  # go-jose: a second JOSE implementation for bundles
  libengine-pkcs11-openssl            # OpenSSL's PKCS#11 engine, the benchmark baseline
  nginx                               # serving a publication with the shipped config
  gdb                                 # counting PKCS#11 logins in the wrong-PIN test
  slowhttptest                        # slowloris test of bundle-server
  testssl.sh                          # TLS protocol and cipher audit of bundle-server
  curl                                # plain HTTP checks in tests and the demo
  python3                             # small JSON checks in the runbooks
  maven                               # the build
  openjdk-17-jdk-headless             # Java 17
)

# Prints the packages from the list that are not installed.
anchorhold_missing_packages() {
  local package missing=()
  for package in "${ANCHORHOLD_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  echo "${missing[@]:-}"
}

# Installs missing packages when running as root; otherwise names them and exits.
anchorhold_ensure_packages() {
  local missing
  missing=$(anchorhold_missing_packages)
  if [[ -z "$missing" ]]; then
    return 0
  fi
  if [[ $(id -u) -eq 0 ]]; then
    echo "installing Debian packages: $missing" >&2
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
  else
    echo "missing Debian packages; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
}
