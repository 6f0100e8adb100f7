//! Photos residents and operatives upload, checked with the `image` crate: the type is decided
//! by the bytes, never by the name or the browser's claim; the size the header declares is
//! checked before anything is drawn; and the picture is decoded, turned the way the camera says
//! it was held, and encoded again, so that nothing but the picture is stored (no camera, time or,
//! above all, GPS location, whatever chunk or segment a camera hid it in). JPEG, PNG and WebP are
//! accepted; a WebP is stored as a JPEG. HEIC (an iPhone's default) has no maintained pure-Rust
//! decoder, so it is refused with a message saying how to send the photo instead.

/// The largest photo accepted.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels a photo may have: 50 megapixels, more than a phone's camera takes at its
/// usual setting (12 to 48). A small file can declare far more (a 2.7 MB PNG of 30,000 by 30,000
/// pixels is 2.7 GB once drawn), so the size is read from the header and checked before anything
/// draws the picture: here, in the browser, or in any later processing.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    WebP,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::WebP => "image/webp",
        }
    }

    pub fn from_content_type(text: &str) -> Option<ImageKind> {
        [ImageKind::Jpeg, ImageKind::Png, ImageKind::WebP]
            .into_iter()
            .find(|k| k.content_type() == text)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::WebP => "webp",
        }
    }
}

/// What is wrong with an upload, in words for the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoProblem {
    TooBig,
    Empty,
    NotAPhoto,
    /// HEIC or HEIF, which phones send but nothing here can read.
    Heic,
    Damaged,
    TooManyPixels,
}

impl PhotoProblem {
    pub fn message(self) -> &'static str {
        match self {
            PhotoProblem::TooBig => "The photo must be smaller than 10 MB",
            PhotoProblem::Empty => "The selected file is empty",
            PhotoProblem::NotAPhoto => "The photo must be a JPEG, PNG or WebP picture",
            PhotoProblem::Heic => {
                "HEIC photos cannot be added yet. Send it as a JPEG: on an iPhone, choose the photo from \"Photos\" rather than \"Files\" (it is then sent as a JPEG), or set Settings, Camera, Formats to \"Most Compatible\""
            }
            PhotoProblem::Damaged => "The photo could not be read. Try taking it again",
            PhotoProblem::TooManyPixels => {
                "The photo has too many pixels (over 50 megapixels). Take it again at a lower resolution, or send a screenshot of it"
            }
        }
    }
}

/// Whether the bytes are an HEIC or HEIF picture (an ISO media file whose brand says so).
pub fn is_heic(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp")
        && bytes.get(8..12).is_some_and(|brand| {
            [
                b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
            ]
            .iter()
            .any(|b| brand == *b)
        })
}

/// The kind of picture the bytes are, as the `image` crate reads their signature.
#[cfg(feature = "ssr")]
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some(ImageKind::Jpeg),
        image::ImageFormat::Png => Some(ImageKind::Png),
        image::ImageFormat::WebP => Some(ImageKind::WebP),
        _ => None,
    }
}

#[cfg(feature = "ssr")]
fn format_of(kind: ImageKind) -> image::ImageFormat {
    match kind {
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
        ImageKind::Png => image::ImageFormat::Png,
        ImageKind::WebP => image::ImageFormat::WebP,
    }
}

/// The picture's width and height as its header declares them, without drawing it; `None`
/// when the header cannot be read.
#[cfg(feature = "ssr")]
pub fn dimensions(kind: ImageKind, bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::with_format(std::io::Cursor::new(bytes), format_of(kind))
        .into_dimensions()
        .ok()
}

/// JPEG quality for the stored copy: visually the same as a phone's own, about half the size.
#[cfg(feature = "ssr")]
const JPEG_QUALITY: u8 = 85;

/// Checks an upload and returns its kind and the picture alone: decoded within limits, turned
/// upright, and encoded again (a JPEG or WebP as a JPEG, a PNG as a PNG). CPU work of a few
/// hundred milliseconds for a phone's photo: call it off the async threads.
#[cfg(feature = "ssr")]
pub fn clean_photo(bytes: &[u8]) -> Result<(ImageKind, Vec<u8>), PhotoProblem> {
    use image::{DynamicImage, ImageDecoder};
    if bytes.is_empty() {
        return Err(PhotoProblem::Empty);
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoProblem::TooBig);
    }
    if is_heic(bytes) {
        return Err(PhotoProblem::Heic);
    }
    let kind = sniff(bytes).ok_or(PhotoProblem::NotAPhoto)?;
    let (width, height) = dimensions(kind, bytes).ok_or(PhotoProblem::Damaged)?;
    if width == 0 || height == 0 {
        return Err(PhotoProblem::Damaged);
    }
    if u64::from(width) * u64::from(height) > MAX_PHOTO_PIXELS {
        return Err(PhotoProblem::TooManyPixels);
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format_of(kind));
    // However the header lied, nothing draws more than the limit (four bytes a pixel).
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PHOTO_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoProblem::Damaged)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoProblem::Damaged)?;
    picture.apply_orientation(orientation);
    let mut out = std::io::Cursor::new(Vec::new());
    let stored = match kind {
        ImageKind::Png => {
            picture
                .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
                .map_err(|_| PhotoProblem::Damaged)?;
            ImageKind::Png
        }
        ImageKind::Jpeg | ImageKind::WebP => {
            let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
            .map_err(|_| PhotoProblem::Damaged)?;
            ImageKind::Jpeg
        }
    };
    Ok((stored, out.into_inner()))
}

/// Pictures made for the tests, each carrying what must not survive.
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod samples {
    use image::{ImageEncoder, RgbImage};

    fn picture(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, 90])
        })
    }

    /// A JPEG of `width` by `height` whose EXIF says where it was taken and that the camera was
    /// turned (orientation 6: the picture must be turned a quarter clockwise to stand upright),
    /// with a comment naming the place.
    pub fn jpeg_with_location(width: u32, height: u32) -> Vec<u8> {
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
            .write_image(
                picture(width, height).as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .expect("encoded");
        // EXIF: a big-endian TIFF header, one IFD with Orientation = 6, then the GPS words.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        exif.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        exif.extend_from_slice(b"GPSLatitude 52.9548N");
        let comment = b"taken at 9 Alder Court";
        let mut b = plain[..2].to_vec();
        b.extend_from_slice(&[0xFF, 0xE1]);
        b.extend_from_slice(&u16::try_from(exif.len() + 2).expect("short").to_be_bytes());
        b.extend_from_slice(&exif);
        b.extend_from_slice(&[0xFF, 0xFE]);
        b.extend_from_slice(
            &u16::try_from(comment.len() + 2)
                .expect("short")
                .to_be_bytes(),
        );
        b.extend_from_slice(comment);
        b.extend_from_slice(&plain[2..]);
        b
    }

    /// A PNG with a text chunk naming the place.
    pub fn png_with_text(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, width, height);
            encoder.set_color(png::ColorType::Rgb);
            encoder
                .add_text_chunk("Location".to_owned(), "Northgate".to_owned())
                .expect("text");
            let mut writer = encoder.write_header().expect("header");
            writer
                .write_image_data(picture(width, height).as_raw())
                .expect("data");
        }
        out
    }

    /// A lossless WebP.
    pub fn webp(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut out)
            .write_image(
                picture(width, height).as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .expect("encoded");
        out
    }

    /// A PNG whose header declares `width` by `height`, with almost no data behind it.
    pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], &header[..]),
            (b"IDAT", &[1, 2, 3]),
            (b"IEND", &[]),
        ] {
            b.extend_from_slice(&u32::try_from(data.len()).expect("short").to_be_bytes());
            b.extend_from_slice(kind);
            b.extend_from_slice(data);
            let mut crc = Vec::from(kind);
            crc.extend_from_slice(data);
            b.extend_from_slice(&crc32(&crc).to_be_bytes());
        }
        b
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::samples::*;
    use super::*;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn size_of(kind: ImageKind, bytes: &[u8]) -> (u32, u32) {
        dimensions(kind, bytes).expect("readable")
    }

    #[test]
    fn a_jpeg_loses_its_location_and_comment_and_stands_upright() {
        let (kind, clean) = clean_photo(&jpeg_with_location(40, 30)).expect("a jpeg");
        assert_eq!(kind, ImageKind::Jpeg);
        assert!(!contains(&clean, b"GPSLatitude"));
        assert!(!contains(&clean, b"Alder Court"));
        assert!(!contains(&clean, b"Exif"));
        // Taken on its side: stored turned upright, 30 wide and 40 high.
        assert_eq!(size_of(ImageKind::Jpeg, &clean), (30, 40));
    }

    #[test]
    fn a_png_loses_its_text_and_a_webp_is_stored_as_a_jpeg() {
        let (kind, clean) = clean_photo(&png_with_text(20, 10)).expect("a png");
        assert_eq!(kind, ImageKind::Png);
        assert!(!contains(&clean, b"Northgate"));
        assert!(!contains(&clean, b"tEXt"));
        assert_eq!(size_of(ImageKind::Png, &clean), (20, 10));
        let (kind, clean) = clean_photo(&webp(16, 12)).expect("a webp");
        assert_eq!(kind, ImageKind::Jpeg);
        assert_eq!(size_of(ImageKind::Jpeg, &clean), (16, 12));
    }

    #[test]
    fn a_picture_is_measured_from_its_header_and_refused_over_fifty_megapixels() {
        assert_eq!(
            dimensions(ImageKind::Png, &png_declaring(640, 480)),
            Some((640, 480))
        );
        assert_eq!(
            dimensions(ImageKind::Jpeg, &jpeg_with_location(64, 48)),
            Some((64, 48))
        );
        // The image bomb found: 2.7 MB on disk, 900 megapixels once drawn.
        assert_eq!(
            clean_photo(&png_declaring(30_000, 30_000)),
            Err(PhotoProblem::TooManyPixels)
        );
        assert_eq!(
            clean_photo(&png_declaring(8_000, 6_251)),
            Err(PhotoProblem::TooManyPixels)
        );
        // Under the limit but with no picture behind the header: not drawable.
        assert_eq!(
            clean_photo(&png_declaring(8_000, 6_000)),
            Err(PhotoProblem::Damaged)
        );
        assert_eq!(
            clean_photo(&png_declaring(0, 10)),
            Err(PhotoProblem::Damaged)
        );
    }

    #[test]
    fn disguised_empty_oversized_heic_and_broken_files_are_refused() {
        assert_eq!(
            clean_photo(b"%PDF-1.7 pretending to be a photo.jpg"),
            Err(PhotoProblem::NotAPhoto)
        );
        assert_eq!(
            clean_photo(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Err(PhotoProblem::NotAPhoto)
        );
        assert_eq!(clean_photo(&[]), Err(PhotoProblem::Empty));
        let mut big = jpeg_with_location(8, 8);
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        assert_eq!(clean_photo(&big), Err(PhotoProblem::TooBig));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
        assert_eq!(clean_photo(&heic), Err(PhotoProblem::Heic));
        assert!(PhotoProblem::Heic.message().contains("JPEG"));
        let jpeg = jpeg_with_location(40, 30);
        assert_eq!(clean_photo(&jpeg[..40]), Err(PhotoProblem::Damaged));
        let png = png_with_text(20, 10);
        assert_eq!(
            clean_photo(&png[..png.len() - 30]),
            Err(PhotoProblem::Damaged)
        );
    }
}
