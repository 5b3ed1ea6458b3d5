#!/usr/bin/env python3
"""Builds auth-core's compact deny list of published JWT secrets.

Input: wallarm/jwt-secrets `jwt.secrets.list` (MIT; 103,979 secrets found in public tutorials and
code), one secret per line. Output: the sorted 8-byte prefixes (big-endian, ordered as signed 64-bit
integers, as Java's Arrays.binarySearch(long[]) wants) of the SHA-256 of each secret's UTF-8 bytes.

Only secrets of at least 32 bytes are kept: a shorter secret is already refused by the length rule
(HS256 needs 32 bytes, RFC 7518 section 3.2), so listing it would cost bytes and buy nothing.

Usage: tools/make-weak-secrets.py LIST OUT
"""
import hashlib
import struct
import sys


def main(src, dst):
    prefixes = set()
    with open(src, "rb") as f:
        for raw in f:
            secret = raw.rstrip(b"\r\n")
            if len(secret) >= 32:
                prefixes.add(struct.unpack(">q", hashlib.sha256(secret).digest()[:8])[0])
    with open(dst, "wb") as out:
        for value in sorted(prefixes):
            out.write(struct.pack(">q", value))
    print(f"{len(prefixes)} prefixes written")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
