# Doorstep: `make run` and `make test` are the two commands (README.md). Each installs what it
# needs first and skips what is already there, so running either twice installs nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.10
# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
BINARYEN_VERSION := 132.0.0
MOTO_VERSION := 5.2.6
CARGO_DENY_VERSION := 0.20.2
TOOLS := $(CURDIR)/.tools
# npm's binaryen, not Debian's: Debian's wasm-opt 108 silently breaks the wasm (toolchain.md).
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench tools test-tools build-release lint unit integration e2e clean-data

## make run: install, build (release), prepare data/doorstep.db with demo data, serve on :3000
run: tools build-release
	./target/release/server seed-demo
	@echo
	@echo "Doorstep: open http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C stops it)"
	LEPTOS_SITE_ROOT=target/site ./target/release/server serve

## make test: install what the tests need, then every test; non-zero exit on any failure
test: tools test-tools lint unit integration build-release e2e
	@echo "make test: every test passed"

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)$$" \
	  || cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@[ -x $(TOOLS)/node_modules/.bin/wasm-opt ] && wasm-opt --version | grep -q "version 132" \
	  || npm install --prefix $(TOOLS) --no-audit --no-fund --silent binaryen@$(BINARYEN_VERSION)

test-tools:
	@cargo deny --version 2>/dev/null | grep -q " $(CARGO_DENY_VERSION)$$" \
	  || cargo install cargo-deny@$(CARGO_DENY_VERSION) --locked
	@need=(); \
	command -v chromium >/dev/null || need+=(chromium); \
	ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql); \
	command -v wrk >/dev/null || need+=(wrk); \
	command -v brotli >/dev/null || need+=(brotli); \
	command -v sqlite3 >/dev/null || need+=(sqlite3); \
	[ -x /usr/sbin/nginx ] || need+=(nginx); \
	command -v openssl >/dev/null || need+=(openssl); \
	if [ $${#need[@]} -gt 0 ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq "$${need[@]}"; \
	fi
	@[ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ] \
	  || (cd end2end && npm ci --no-audit --no-fund --silent)
	@# An S3-compatible store for the two-node test (server/tests/nodes.rs), from PyPI.
	@[ -x $(TOOLS)/python/bin/moto_server ] \
	  || (python3 -m venv $(TOOLS)/python \
	      && $(TOOLS)/python/bin/pip install --quiet --disable-pip-version-check "moto[server]==$(MOTO_VERSION)")

build-release:
	cargo leptos build --release --precompress

lint:
	cargo fmt --all -- --check
	cargo clippy --locked -p server --all-targets -- -D warnings
	cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings
	@# Licences, bans and duplicate versions (deny.toml); advisories need GitHub, see deny.toml.
	cargo deny --locked check licenses bans sources
	@# The server-only libraries stay out of the wasm.
	@if cargo tree --locked -q -p frontend --target wasm32-unknown-unknown -e normal \
	  | grep -E '(krilla|skrifa|csv|image|lettre|prometheus-client|object_store|sqlx|tokio|png) v'; then \
	  echo "lint: a server-only crate is in the wasm (above)"; exit 1; fi

## Unit tests: the domain and everything else inside the crates
unit:
	cargo test --locked -p app --features ssr
	cargo test --locked -p server --lib --bins

## Integration tests: the real server on port 0, against SQLite and a throwaway PostgreSQL
integration:
	server/tests/with-postgres.sh cargo test --locked -p server --test '*' -- --include-ignored

## End-to-end: Chromium through playwright-core, against the release build on a free port
e2e:
	end2end/run.sh

## make bench: sizes and speeds, printed and written to docs/performance.md (never asserted)
bench: tools test-tools build-release
	@command -v perf >/dev/null \
	  || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq linux-perf)
	server/bench.sh

clean-data:
	rm -rf data
