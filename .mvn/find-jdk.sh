# Sourced by ./mvnw: points JAVA_HOME at a JDK >= 25, because the build targets Java 25 while
# many machines (ours included) put an older `java` first on the PATH.
# Order: $JAVA_HOME if it is >= 25, then /usr/lib/jvm/*, SDKMAN, macOS JavaVirtualMachines.
mp4j_jdk_feature() {
  [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
mp4j_jdk_ok() {
  v=$(mp4j_jdk_feature "$1") || return 1
  [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null
}
case $- in *f*) mp4j_noglob=1; set +f ;; *) mp4j_noglob= ;; esac
if [ -z "${JAVA_HOME:-}" ] || ! mp4j_jdk_ok "$JAVA_HOME"; then
  mp4j_found=
  for mp4j_c in /usr/lib/jvm/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
                /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$mp4j_c" ] || continue
    if mp4j_jdk_ok "$mp4j_c"; then mp4j_found=$mp4j_c; break; fi
  done
  if [ -z "$mp4j_found" ]; then
    echo "multiprocessing4j needs a JDK 25 or newer: install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME=$mp4j_found
  export JAVA_HOME
fi
[ -n "$mp4j_noglob" ] && set -f
unset mp4j_found mp4j_c mp4j_noglob
