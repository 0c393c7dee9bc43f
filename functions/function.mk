# The one build of a function's deployment package, included by each functions/<module>/Makefile.
# sam build (template.yaml: Metadata BuildMethod makefile) calls `make build-<LogicalId>` in CodeUri with
# ARTIFACTS_DIR set. SAM's Java/Maven builder only sees CodeUri, not the parent POM and the shared
# module, so this builds the module from the repository root with the Maven wrapper and hands over the
# shaded jar: the java21 runtime puts every jar in lib/ on the classpath. ROOT comes from this file's
# own path, so it is right wherever make is started (samconfig.toml sets build_in_source).
# The including Makefile sets MODULE (the folder under functions/, also the jar's name).
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
# The native library the signing provider carries is built for template.yaml's Architectures (arm64),
# not for the machine that runs sam build (DeploymentPackageTest holds the two together).
ACCP_CLASSIFIER := linux-aarch_64

function-jar:
	cd "$(ROOT)" && source scripts/jdk.sh && ./mvnw -B -q -ntp -DskipTests -Daccp.classifier=$(ACCP_CLASSIFIER) -pl functions/$(MODULE) -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(ROOT)/functions/$(MODULE)/target/$(MODULE).jar" "$(ARTIFACTS_DIR)/lib/"

.PHONY: function-jar
