"""QR codes, one per published item's address, as small scalable SVG files: screens and posters show the same."""

from __future__ import annotations

import re

import zxingcpp

from .. import parallel

_ZINT_SVG = re.compile(r'<svg width="(\d+)" height="(\d+)".*?<path d="([^"]+)"', re.S)
_QR_CODES: dict[str, bytes] = {}  # url → SVG: a screen slide and a poster show the same code


def qr_svg(url: str) -> bytes:
    """A scalable QR code (error correction M, a 4-module quiet zone; viewBox only, sized by CSS)."""
    if url not in _QR_CODES:
        _QR_CODES[url] = encode_qr(url)
    return _QR_CODES[url]


def known_codes() -> dict[str, bytes]:
    """Every code made so far (the build keeps them for the next one: a URL always gives the same code)."""
    return dict(_QR_CODES)


def remember_codes(codes: dict[str, bytes]) -> None:
    """Codes made by an earlier build, by URL."""
    _QR_CODES.update(codes)


def forget_codes() -> None:
    """Drop the codes from memory once the screens and posters are made (the build keeps them on disk)."""
    _QR_CODES.clear()


def remember_qr(urls: list[str]) -> None:
    """Encode many codes at once, on every core."""
    todo = sorted(set(urls) - _QR_CODES.keys())
    _QR_CODES.update(zip(todo, parallel.map_items(encode_qr, todo), strict=True))


def encode_qr(url: str) -> bytes:
    """Encoded by zxing-cpp (its writer is libzint, in C: about ten times faster than a pure-Python encoder,
    which matters at thousands of items), with the standard choice of mask, so the same URL always gives the
    same bytes. Only the module path is taken from its SVG; the wrapper is ours."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    match = _ZINT_SVG.search(code.to_svg(add_quiet_zones=True))
    if match is None:  # a different libzint output format: fail loudly, never ship a blank code
        raise RuntimeError("zxing-cpp 的二维码 SVG 格式无法识别")
    width, height, modules = match.groups()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="qr">'
        f'<path fill="#fff" d="M0 0h{width}v{height}h-{width}z"/><path fill="#000" d="{modules}"/></svg>'
    ).encode("ascii")
