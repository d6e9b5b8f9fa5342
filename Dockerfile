# ecc in a container: compile eBPF programs without installing a toolchain.
#
#   docker build -t ecc .
#   docker run --rm -v "$PWD":/src ecc                  # /src/*.bpf.c -> /src/package.json
#   docker run --rm -v "$PWD":/src ecc /src/foo.bpf.c /src/foo.h -o /src/out
#
# Two stages on Debian bookworm: the first builds ecc from this tree, the
# second holds only ecc, clang/llvm-strip, the headers BPF programs include
# (libbpf's, the kernel UAPI, libc) and the runtime libraries ecc links.
# Pin the base for reproducible images: --build-arg BASE=debian:bookworm@sha256:...
ARG BASE=debian:bookworm

FROM ${BASE} AS build
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
	build-essential cmake pkg-config clang-14 llvm-14 libclang-14-dev \
	libbpf-dev libelf-dev zlib1g-dev libcjson-dev libyaml-dev libarchive-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /ecc
# Only what the CMake build reads (never local build directories).
COPY CMakeLists.txt ./
COPY common common
COPY compiler compiler
COPY btfgen btfgen
COPY skelgen skelgen
COPY templates templates
COPY runtime-min runtime-min
COPY tests tests
COPY scripts/docker-entry.sh scripts/docker-entry.sh
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build -j"$(nproc)" --target ecc \
 && install -D -m 0755 /build/compiler/ecc /out/usr/local/bin/ecc \
 && install -D -m 0755 /build/runtime-min/ecli-standalone /out/usr/local/bin/ecli-standalone \
 && install -D -m 0755 scripts/docker-entry.sh /out/usr/local/bin/docker-entry.sh \
 && mkdir -p /out/usr/share/ecc \
 && if [ -r /sys/kernel/btf/vmlinux ]; then \
	cp /sys/kernel/btf/vmlinux /out/usr/share/ecc/vmlinux.btf; fi

FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
# clang-14 and llvm-14 (llvm-strip) must match the libclang ecc links; the
# -dev packages are here for their headers (bpf/*.h, linux/*.h, asm/*.h).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
	clang-14 llvm-14 libclang1-14 \
	libbpf1 libbpf-dev libelf1 zlib1g libcjson1 libyaml-0-2 libarchive13 \
	linux-libc-dev libc6-dev \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /
ENV PATH=/usr/lib/llvm-14/bin:$PATH \
    ECC_FALLBACK_BTF=/usr/share/ecc/vmlinux.btf
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/docker-entry.sh"]
