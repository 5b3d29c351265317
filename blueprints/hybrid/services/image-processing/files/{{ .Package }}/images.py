"""Thumbnails with Pillow: POST /thumbnail with an image, get it back small.

Nothing the client says about the file is trusted: the format is read from its first bytes, not
from its name or Content-Type, and its size in pixels from its header before anything is
decoded, so a small file that claims an enormous image (a decompression bomb) costs nothing.
"""

import io
from typing import NoReturn

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from PIL import Image, ImageOps
from werkzeug.exceptions import HTTPException

bp = Blueprint("images", __name__)

DEFAULT_SIZE = 256
MIN_SIZE, MAX_SIZE = 16, 1024

# What comes back: a JPEG stays a JPEG (photos compress far better so), the rest become PNG,
# which keeps transparency.
OUTPUT = {"JPEG": ("JPEG", "image/jpeg", "jpg")}
DEFAULT_OUTPUT = ("PNG", "image/png", "png")


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> ResponseReturnValue:
    """Errors of this API are JSON whatever the client accepts (413 from MAX_CONTENT_LENGTH too)."""
    code = error.code or 500
    return jsonify(error=error.name, message=error.description, status=code), code


def detect_format(data: bytes) -> str | None:
    """The format the file's signature (its first bytes) names, as Pillow calls it, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def parse_size(value: str | None) -> int:
    """The thumbnail's largest side: default when absent, else a whole number in range."""
    if value is None or not value.strip():
        return DEFAULT_SIZE
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or not MIN_SIZE <= int(value) <= MAX_SIZE:
        abort(400, f"size must be a whole number of pixels from {MIN_SIZE} to {MAX_SIZE}.")
    return int(value)


def too_many_pixels(width: int, height: int, limit: int) -> NoReturn:
    abort(413, f"The image is {width}x{height} pixels; this service takes at most {limit:,}.")


def open_image(data: bytes, kind: str) -> Image.Image:
    """The image, opened (its header read) but not decoded; 413 or 422 when it cannot be."""
    limit = current_app.config["IMAGE_MAX_PIXELS"]
    try:
        # Only the plugin of the detected format: no other decoder sees the bytes.
        image = Image.open(io.BytesIO(data), formats=[kind])
    except Image.DecompressionBombError:
        abort(413, f"The image has far more pixels than this service takes ({limit:,}).")
    except Exception:  # whatever a decoder raises on hostile bytes: unreadable
        abort(422, f"The file starts like a {kind} image but cannot be read.")
    width, height = image.size
    if width * height > limit:
        too_many_pixels(width, height, limit)
    return image


def make_thumbnail(image: Image.Image, size: int, kind: str) -> tuple[bytes, str, str]:
    """The thumbnail's bytes, media type and file extension."""
    fmt, mimetype, extension = OUTPUT.get(kind, DEFAULT_OUTPUT)
    try:
        if image.mode in ("P", "1"):
            # Palette images (GIFs) resize with the nearest pixel only: smooth them first.
            image = image.convert("RGBA")
        # In place, before anything else decodes the image: for a JPEG, Pillow then decodes it
        # at a reduced scale, which saves most of the time and memory of a large photo.
        image.thumbnail((size, size), Image.Resampling.LANCZOS)
        # A phone's photo is stored sideways with an EXIF orientation; apply it.
        image = ImageOps.exif_transpose(image)
        allowed = ("RGB", "L") if fmt == "JPEG" else ("RGB", "RGBA", "L", "LA")
        if image.mode not in allowed:
            image = image.convert("RGB" if fmt == "JPEG" else "RGBA")
        output = io.BytesIO()
        image.save(output, format=fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    except Image.DecompressionBombError:
        too_many_pixels(*image.size, current_app.config["IMAGE_MAX_PIXELS"])
    except Exception:  # a truncated or corrupt image fails while it decodes
        abort(422, f"The {kind} image is damaged or truncated: it cannot be decoded.")
    return output.getvalue(), mimetype, extension


@bp.post("/thumbnail")
def thumbnail() -> Response:
    """A thumbnail of the uploaded `image` whose largest side is `size` pixels at most."""
    upload = request.files.get("image")
    if upload is None:
        abort(400, "Send the image as a multipart/form-data file field named `image`.")
    size = parse_size(request.form.get("size"))
    data = upload.read()
    if not data:
        abort(400, "The image is empty.")
    kind = detect_format(data)
    if kind is None:
        abort(415, "Send a PNG, JPEG, WebP or GIF image (read from the file, not its name).")
    content, mimetype, extension = make_thumbnail(open_image(data, kind), size, kind)
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="thumbnail.{extension}"'
    return response
