#!/bin/sh
# The image's entry point: runs the service on whatever Java the base image puts on the PATH.
# JVM options come from JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS, which java reads by itself. The
# arguments go to the service, which takes the options of Spear's own SMS (sms -c FILE,
# --http-addr ...; SPEAR_CONFIG names the file too); as in Spear's image, arguments that start with
# an option get "sms" in front.
set -e
case "${1:-}" in
  -*) set -- sms "$@" ;;
esac
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar "$@"
