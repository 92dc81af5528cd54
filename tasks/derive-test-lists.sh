#!/bin/sh
# Re-derives FAIL_TO_PASS and PASS_TO_PASS of a task file by running each task's tests in the
# sandbox on base + test_patch and on base + gold patch + test_patch (docs/tasks-and-grading.md).
# Usage: tasks/derive-test-lists.sh [TASKS.jsonl] [--write] [--jobs N] [--only ID,ID]
set -e
cd "$(dirname "$0")/.."
if [ -z "$JAVA_HOME" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
main=${MAIN:-dev.apex.activities.grading.DeriveTestLists}
classpath=activities/target/main.classpath
mvn -q -B -pl activities -am compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath" >&2
file=tasks/apex-bugs/tasks.jsonl
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  file=$1
  shift
fi
export APEX_JUNIT_JAR="${APEX_JUNIT_JAR:-$PWD/activities/target/sandbox-lib/junit-platform-console-standalone.jar}"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "activities/target/classes:$(cat "$classpath")" \
  "$main" "$file" "$@"
