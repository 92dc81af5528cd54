#!/bin/sh
# Compiles src/ and test/ and runs the JUnit 5 tests offline.
# Needs $APEX_JUNIT_JAR (junit-platform-console-standalone); reports go to $APEX_REPORT_DIR.
set -e
rm -rf out
mkdir -p out "${APEX_REPORT_DIR:=reports}"
javac -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -encoding UTF-8 -nowarn \
  -d out -cp "$APEX_JUNIT_JAR" $(find src test -name '*.java')
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$APEX_JUNIT_JAR" execute \
  --disable-banner --disable-ansi-colors --details=tree --include-engine=junit-jupiter \
  --class-path out --scan-class-path --reports-dir "$APEX_REPORT_DIR"
