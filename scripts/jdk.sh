# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer,
# or stops with a clear message. Lambda's java21 runtime is the target.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

find_jdk21() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    local major
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk21); then
  echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "       Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+) and retry." >&2
  exit 1
fi
export JAVA_HOME
# Maven's own libraries use sun.misc.Unsafe; newer JDKs warn about it on every run.
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
fi
export PATH="$JAVA_HOME/bin:$PATH"
