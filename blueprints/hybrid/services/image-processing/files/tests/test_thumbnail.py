"""POST /thumbnail with images made in memory: sizes, formats, and every refusal."""

import io
import random
import struct
import zlib

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def picture(fmt: str = "PNG", size: tuple[int, int] = (800, 400), mode: str = "RGB") -> bytes:
    return encode(Image.new(mode, size, "teal"), fmt)


def noise(fmt: str = "PNG", size: tuple[int, int] = (64, 64)) -> bytes:
    """An image that does not compress (the same one every run): its file is about as large as
    its pixels."""
    pixels = random.Random(size[0]).randbytes(size[0] * size[1] * 3)
    return encode(Image.frombytes("RGB", size, pixels), fmt)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny, valid-looking PNG whose header claims width x height: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def post(
    client: FlaskClient, data: bytes | None, filename: str = "upload", **form: str
) -> TestResponse:
    fields: dict[str, object] = dict(form)
    if data is not None:
        fields["image"] = (io.BytesIO(data), filename)
    return client.post("/thumbnail", data=fields, content_type="multipart/form-data")


def thumbnail_of(response: TestResponse) -> Image.Image:
    assert response.status_code == 200, response.get_json()
    return Image.open(io.BytesIO(response.data))


def assert_error(response: TestResponse, status: int, message: str) -> None:
    assert response.status_code == status
    assert response.is_json
    assert response.json is not None
    assert response.json["status"] == status
    assert message in response.json["message"]


def test_a_png_thumbnail_keeps_the_aspect_ratio(client: FlaskClient) -> None:
    response = post(client, picture("PNG", (800, 400)), size="200")

    image = thumbnail_of(response)
    assert (image.format, image.size) == ("PNG", (200, 100))
    assert response.mimetype == "image/png"


def test_the_default_size_is_256(client: FlaskClient) -> None:
    assert thumbnail_of(post(client, picture("PNG", (300, 600)))).size == (128, 256)


def test_a_jpeg_stays_a_jpeg(client: FlaskClient) -> None:
    response = post(client, picture("JPEG", (1000, 500)), size="100")

    image = thumbnail_of(response)
    assert (image.format, image.size) == ("JPEG", (100, 50))
    assert response.mimetype == "image/jpeg"


@pytest.mark.parametrize("fmt", ["WEBP", "GIF"])
def test_webp_and_gif_come_back_as_png(client: FlaskClient, fmt: str) -> None:
    image = thumbnail_of(post(client, picture(fmt, (640, 480)), size="64"))

    assert (image.format, image.size) == ("PNG", (64, 48))


def test_transparency_is_kept(client: FlaskClient) -> None:
    data = encode(Image.new("RGBA", (100, 100), (255, 0, 0, 0)), "PNG")

    image = thumbnail_of(post(client, data, size="50"))

    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0


def test_an_animated_gif_gives_its_first_frame(client: FlaskClient) -> None:
    frames = [Image.new("RGB", (100, 100), colour) for colour in ("red", "blue")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])

    image = thumbnail_of(post(client, data, size="20"))

    red, green, blue, *_ = image.convert("RGBA").getpixel((10, 10))
    assert red > 200 and blue < 50 and green < 50


def test_a_small_image_is_not_enlarged(client: FlaskClient) -> None:
    assert thumbnail_of(post(client, picture("PNG", (50, 30)), size="512")).size == (50, 30)


def test_the_exif_orientation_is_applied(client: FlaskClient) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: stored sideways, to be turned 90 degrees clockwise
    data = encode(Image.new("RGB", (400, 200), "navy"), "JPEG", exif=exif)

    assert thumbnail_of(post(client, data)).size == (128, 256)


@pytest.mark.parametrize("size", ["16", "1024", " 64 "])
def test_sizes_in_range_are_accepted(client: FlaskClient, size: str) -> None:
    assert post(client, picture(), size=size).status_code == 200


@pytest.mark.parametrize("size", ["15", "1025", "0", "-5", "abc", "12.5", "1e2", "٣٢"])
def test_a_bad_size_is_a_400(client: FlaskClient, size: str) -> None:
    assert_error(post(client, picture(), size=size), 400, "size must be a whole number")


def test_the_format_comes_from_the_content_not_the_name(client: FlaskClient) -> None:
    image = thumbnail_of(post(client, picture("PNG"), filename="holiday.jpg"))

    assert image.format == "PNG"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (picture("BMP", (40, 20)), "disguised.png"),
        (picture("TIFF", (40, 20)), "disguised.jpg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "drawing.png"),
        (b"just some text", "notes.gif"),
    ],
    ids=["bmp", "tiff", "svg", "text"],
)
def test_other_formats_are_a_415(client: FlaskClient, data: bytes, filename: str) -> None:
    assert_error(post(client, data, filename=filename), 415, "PNG, JPEG, WebP or GIF")


@pytest.mark.parametrize(
    "data",
    [
        noise("PNG")[:2000],
        noise("JPEG", (256, 256))[:3000],
        b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
        noise("GIF")[:1000],
        noise("WEBP")[:300],
    ],
    ids=["png", "jpeg", "png-signature-only", "gif", "webp"],
)
def test_a_corrupt_image_is_a_422(client: FlaskClient, data: bytes) -> None:
    response = post(client, data)

    assert response.status_code == 422
    assert response.json is not None
    assert "cannot be" in response.json["message"]


def test_a_decompression_bomb_is_refused_from_its_header(client: FlaskClient) -> None:
    bomb = png_claiming(100_000, 100_000)
    assert len(bomb) < 200

    assert_error(post(client, bomb), 413, "pixels")


def test_an_image_over_the_pixel_limit_is_a_413(app: Flask, client: FlaskClient) -> None:
    app.config["IMAGE_MAX_PIXELS"] = 10_000

    assert_error(post(client, picture("PNG", (200, 100))), 413, "200x100 pixels")
    assert post(client, picture("PNG", (100, 100))).status_code == 200


def test_an_upload_over_max_content_length_is_a_413(app: Flask, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 4096

    response = post(client, noise("PNG", (64, 64)))

    assert_error(response, 413, "")
    assert response.json is not None
    assert response.json["error"] == "Request Entity Too Large"


def test_the_default_upload_limit_is_10_mib(app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 10 * 1024 * 1024


def test_no_image_field_is_a_400(client: FlaskClient) -> None:
    assert_error(post(client, None, size="64"), 400, "field named `image`")


def test_an_empty_file_is_a_400(client: FlaskClient) -> None:
    assert_error(post(client, b""), 400, "empty")


def test_a_thumbnail_needs_an_access_token(anonymous: FlaskClient) -> None:
    response = post(anonymous, picture())

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_get_is_not_allowed(client: FlaskClient) -> None:
    assert client.get("/thumbnail").status_code == 405
