//! PDFs Doorstep makes: letters for the print queue and the demo's documents. They are written
//! with krilla in DejaVu Sans, embedded as a subset of the glyphs each file uses, so every name,
//! accent and pound sign prints as written. Each file is tagged PDF checked against PDF/UA-1
//! (a title, the document's language, every line of text in a heading or a paragraph, in
//! reading order; page numbers marked as artifacts), because letters are the channel for
//! residents who cannot use a screen and some of them use a screen reader on the PDF instead.
//!
//! Layout is ours and simple: A4, lines wrapped to the width measured from the font's advance
//! widths, a new page when a line would pass the bottom margin. A letter puts the resident's
//! address where the window of a left-window envelope shows it (DIN 5008 form B: 20 mm from the
//! left edge, 45 to 90 mm from the top).

use crate::error::AppError;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The language every file is tagged with (the landlord writes in English).
const LANGUAGE: &str = "en-GB";

const MM: f32 = 72.0 / 25.4;
const PAGE_WIDTH: f32 = 210.0 * MM;
const PAGE_HEIGHT: f32 = 297.0 * MM;
const LEFT: f32 = 25.0 * MM;
const RIGHT: f32 = 20.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = 22.0 * MM;

/// Body text in points: 12, or 18 for large print (the RNIB's guidance is 16 to 18).
pub const BODY_SIZE: f32 = 12.0;
pub const LARGE_PRINT_SIZE: f32 = 18.0;

/// What a block of text is to a screen reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Heading,
    Paragraph,
}

/// A block of text: one heading or one paragraph, laid out in a column.
#[derive(Clone, Debug)]
struct Block {
    kind: Kind,
    bold: bool,
    size: f32,
    x: f32,
    width: f32,
    /// On the first page, where its first line's top goes at the lowest (the address goes
    /// where the envelope's window is, whatever comes before it).
    at: Option<f32>,
    /// Lines as written (each wrapped to the column).
    lines: Vec<String>,
    /// Space after the block, in points.
    after: f32,
}

impl Block {
    fn new(kind: Kind, size: f32, lines: Vec<String>) -> Self {
        Block {
            kind,
            bold: kind == Kind::Heading,
            size,
            x: LEFT,
            width: PAGE_WIDTH - LEFT - RIGHT,
            at: None,
            lines,
            after: size * 0.6,
        }
    }

    fn leading(&self) -> f32 {
        self.size * 1.35
    }
}

/// One line of a block placed on a page (`y` is its baseline from the top).
struct Placed {
    page: usize,
    block: usize,
    x: f32,
    y: f32,
    text: String,
}

/// The two faces, read once for measuring and for writing.
struct Faces {
    regular: Font,
    bold: Font,
}

impl Faces {
    fn load() -> Result<Self, AppError> {
        let regular = Font::new(REGULAR.into(), 0);
        let bold = Font::new(BOLD.into(), 0);
        match (regular, bold) {
            (Some(regular), Some(bold)) => Ok(Faces { regular, bold }),
            _ => Err(crate::error::internal("the PDF font could not be read")),
        }
    }

    fn font(&self, bold: bool) -> &Font {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

fn face_data(bold: bool) -> &'static [u8] {
    if bold {
        BOLD
    } else {
        REGULAR
    }
}

/// Characters the font has no glyph for become one it has: a decomposed accented letter when
/// its parts are there, otherwise "?" (an empty glyph would fail PDF/UA's check and tell a
/// screen reader nothing). Tabs and other control characters become spaces.
fn printable(text: &str, bold: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    let Ok(font) = skrifa::FontRef::new(face_data(bold)) else {
        return text.to_owned();
    };
    let charmap = font.charmap();
    let has = |c: char| charmap.map(c).is_some();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
        } else if has(c) {
            out.push(c);
        } else {
            let parts: String = std::iter::once(c).nfkd().collect();
            if !parts.is_empty() && parts.chars().all(has) {
                out.push_str(&parts);
            } else {
                out.push('?');
            }
        }
    }
    out
}

/// The width of `text` in points at `size`, from the font's advance widths (kerning would
/// only make it narrower).
fn width_of(text: &str, bold: bool, size: f32) -> f32 {
    let Ok(font) = skrifa::FontRef::new(face_data(bold)) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// `line` in lines no wider than `width`: at spaces, and inside a word only when the word alone
/// is wider.
fn wrap(line: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width_of(&candidate, bold, size) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word wider than the column is broken where it must be.
        for c in word.chars() {
            current.push(c);
            if width_of(&current, bold, size) > width && current.chars().count() > 1 {
                current.pop();
                lines.push(std::mem::take(&mut current));
                current.push(c);
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Places every block's lines on pages, in order; how many pages they take.
fn layout(blocks: &[Block]) -> (Vec<Placed>, usize) {
    let mut placed = Vec::new();
    let mut page = 0;
    let mut y = TOP;
    for (index, block) in blocks.iter().enumerate() {
        if let Some(at) = block.at.filter(|_| page == 0) {
            y = y.max(at);
        }
        for line in &block.lines {
            for part in wrap(line, block.bold, block.size, block.width) {
                if y + block.leading() > PAGE_HEIGHT - BOTTOM {
                    page += 1;
                    y = TOP;
                }
                placed.push(Placed {
                    page,
                    block: index,
                    x: block.x,
                    // The baseline, about four fifths of the way down the line.
                    y: y + block.size,
                    text: part,
                });
                y += block.leading();
            }
        }
        y += block.after;
    }
    (placed, page + 1)
}

/// Writes the blocks as a tagged A4 PDF titled `title`, with page numbers (in `footer_size`
/// points) when there is more than one page.
fn write(
    title: &str,
    author: Option<&str>,
    footer_size: f32,
    blocks: Vec<Block>,
) -> Result<Vec<u8>, AppError> {
    let faces = Faces::load()?;
    let blocks: Vec<Block> = blocks
        .into_iter()
        .map(|mut b| {
            b.lines = b.lines.iter().map(|l| printable(l, b.bold)).collect();
            b
        })
        .collect();
    let (placed, pages) = layout(&blocks);
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| crate::error::internal(format!("PDF configuration: {e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let mut spans: Vec<Vec<Identifier>> = blocks.iter().map(|_| Vec::new()).collect();
    for number in 0..pages {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| crate::error::internal("the A4 page size was refused"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for line in placed.iter().filter(|p| p.page == number) {
            let block = &blocks[line.block];
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                faces.font(block.bold).clone(),
                block.size,
                &line.text,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            spans[line.block].push(id);
        }
        if pages > 1 {
            let words = format!("Page {} of {pages}", number + 1);
            let size = footer_size;
            let x = PAGE_WIDTH - RIGHT - width_of(&words, false, size);
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::PageNumber,
            )));
            surface.draw_text(
                Point::from_xy(x, PAGE_HEIGHT - 10.0 * MM),
                faces.regular.clone(),
                size,
                &words,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new();
    for (block, ids) in blocks.iter().zip(spans) {
        if ids.is_empty() {
            continue;
        }
        let mut group = match block.kind {
            Kind::Heading => TagGroup::new(Tag::Hn(
                std::num::NonZeroU16::MIN,
                Some(block.lines.join(" ")),
            )),
            Kind::Paragraph => TagGroup::new(Tag::P),
        };
        for id in ids {
            group.push(id);
        }
        tree.push(group);
    }
    document.set_tag_tree(tree);
    // An outline (bookmarks) with each heading, which PDF/UA asks for.
    let mut outline = Outline::new();
    for (index, block) in blocks.iter().enumerate() {
        if block.kind != Kind::Heading {
            continue;
        }
        if let Some(first) = placed.iter().find(|p| p.block == index) {
            outline.push_child(OutlineNode::new(
                block.lines.join(" "),
                XyzDestination::new(first.page, Point::from_xy(first.x, first.y - block.size)),
            ));
        }
    }
    document.set_outline(outline);
    let mut metadata = Metadata::new()
        .title(title.to_owned())
        .language(LANGUAGE.to_owned())
        .creator("Doorstep".to_owned());
    if let Some(author) = author {
        metadata = metadata.authors(vec![author.to_owned()]);
    }
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| crate::error::internal(format!("the PDF could not be written: {e}")))
}

/// A document with a title and paragraphs, for the demo's documents: real files that open in
/// any reader, made here rather than shipped as binaries.
pub fn text_page(title: &str, lines: &[&str]) -> Result<Vec<u8>, AppError> {
    let mut blocks = vec![Block::new(Kind::Heading, 18.0, vec![title.to_owned()])];
    blocks.extend(
        lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::new(Kind::Paragraph, 11.0, vec![(*l).to_owned()])),
    );
    write(title, None, 10.0, blocks)
}

/// A letter for the print queue.
#[derive(Clone, Debug, Default)]
pub struct Letter {
    /// The landlord's name and address, a line each (top right).
    pub from: Vec<String>,
    /// The resident's name and address, a line each (in the envelope's window).
    pub to: Vec<String>,
    /// "6 December 2026".
    pub date: String,
    /// The subject, as the letter's heading.
    pub subject: String,
    /// The words: each line a paragraph; blank lines are spacing only.
    pub body: Vec<String>,
    pub large_print: bool,
}

/// A letter as a tagged A4 PDF: the landlord's address top right, the resident's in the window
/// of a left-window envelope, the date, the subject as its heading and the words, in 12 point
/// or in 18 point large print, on as many pages as it takes.
pub fn letter(letter: &Letter) -> Result<Vec<u8>, AppError> {
    let size = if letter.large_print {
        LARGE_PRINT_SIZE
    } else {
        BODY_SIZE
    };
    let letterhead_size = if letter.large_print { 14.0 } else { 10.0 };
    let mut blocks = Vec::new();
    let column = 120.0 * MM;
    blocks.push(Block {
        x: column,
        width: PAGE_WIDTH - RIGHT - column,
        ..Block::new(Kind::Paragraph, letterhead_size, letter.from.clone())
    });
    // The window: 20 mm from the left, 45 to 90 mm from the top; the address 5 mm inside it,
    // in 12 point whatever the letter's size (it is for the post, and must fit the window).
    blocks.push(Block {
        x: 25.0 * MM,
        width: 80.0 * MM,
        at: Some(52.0 * MM),
        ..Block::new(Kind::Paragraph, BODY_SIZE, letter.to.clone())
    });
    blocks.push(Block {
        at: Some(100.0 * MM),
        after: size,
        ..Block::new(Kind::Paragraph, size, vec![letter.date.clone()])
    });
    blocks.push(Block::new(
        Kind::Heading,
        size * 1.2,
        vec![letter.subject.clone()],
    ));
    for paragraph in letter.body.iter().filter(|l| !l.trim().is_empty()) {
        blocks.push(Block::new(Kind::Paragraph, size, vec![paragraph.clone()]));
    }
    write(
        &letter.subject,
        letter.from.first().map(String::as_str),
        letterhead_size,
        blocks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a PDF reader extracts from `pdf`, with runs of white space made one space.
    fn extracted(pdf: &[u8]) -> String {
        let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text extracts");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn to_siobhan() -> Letter {
        Letter {
            from: vec![
                "Northfield Homes".into(),
                "2 Mill Lane".into(),
                "Northgate NG1 1AA".into(),
            ],
            to: vec![
                "Siobhán Ní Bhriain".into(),
                "Flat 1".into(),
                "Heol y Frenhines".into(),
                "Caerdydd CF10 1AA".into(),
            ],
            date: "6 December 2026".into(),
            subject: "Your service charge for 2027".into(),
            body: vec![
                "Dear Siobhán Ní Bhriain,".into(),
                String::new(),
                "Your service charge for 2027 is £1,234.56, which Zoë and Łukasz in the office can explain.".into(),
            ],
            large_print: false,
        }
    }

    #[test]
    fn every_name_accent_and_pound_sign_extracts_back_exactly_as_written() {
        let pdf = letter(&to_siobhan()).expect("a letter");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = extracted(&pdf);
        for written in [
            "Siobhán Ní Bhriain",
            "Flat 1",
            "Heol y Frenhines",
            "£1,234.56",
            "Zoë and Łukasz",
            "Northfield Homes",
            "6 December 2026",
        ] {
            assert!(text.contains(written), "{written:?} in {text:?}");
        }
        // Reading order: the sender, the resident's address, the date, the heading, the words.
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        assert!(at("Northfield Homes") < at("Siobhán Ní Bhriain"));
        assert!(at("Caerdydd") < at("6 December 2026"));
        assert!(at("6 December 2026") < at("Your service charge for 2027 is"));
    }

    #[test]
    fn the_letter_is_tagged_with_its_language_title_and_only_the_glyphs_it_uses() {
        let pdf = letter(&to_siobhan()).expect("a letter");
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("/MarkInfo"), "tagged");
        assert!(raw.contains("/StructTreeRoot"));
        assert!(raw.contains("(en-GB)"), "the document's language");
        assert!(raw.contains("pdfuaid"), "PDF/UA-1 identified");
        assert!(raw.contains("DejaVuSans"));
        // A subset: far smaller than the 760 KB font.
        assert!(pdf.len() < 120_000, "{} bytes", pdf.len());
    }

    #[test]
    fn a_long_large_print_letter_runs_onto_more_pages_with_page_numbers() {
        let body: Vec<String> = (0..70)
            .map(|i| format!("Paragraph {i} of the letter, which says what it needs to say."))
            .collect();
        let normal = Letter {
            body: body.clone(),
            ..to_siobhan()
        };
        let large = Letter {
            large_print: true,
            ..normal.clone()
        };
        let (normal, large) = (
            letter(&normal).expect("normal"),
            letter(&large).expect("large"),
        );
        let pages = |pdf: &[u8]| {
            lopdf::Document::load_mem(pdf)
                .expect("the PDF reads")
                .get_pages()
                .len()
        };
        assert!(pages(&normal) >= 2, "{}", pages(&normal));
        assert!(pages(&large) > pages(&normal));
        let text = extracted(&large);
        assert!(
            text.contains(&format!("Page 2 of {}", pages(&large))),
            "{text}"
        );
        assert!(text.contains("Paragraph 69 of the letter"));
        let sizes = |pdf: &[u8]| {
            let doc = lopdf::Document::load_mem(pdf).expect("the PDF reads");
            let first = *doc.get_pages().values().next().expect("a page");
            let content = doc.get_page_content(first).expect("its content");
            (
                content.windows(6).any(|w| w == b" 12 Tf"),
                content.windows(6).any(|w| w == b" 18 Tf"),
            )
        };
        assert_eq!(sizes(&normal), (true, false), "12 point");
        // The address stays 12 point for the envelope's window; the words are 18.
        assert_eq!(sizes(&large), (true, true), "18 point");
    }

    #[test]
    fn a_character_the_font_lacks_prints_as_a_question_mark_not_nothing() {
        assert_eq!(printable("Tom\u{1F3E0}", false), "Tom?");
        assert_eq!(printable("a\tb", false), "a b");
        assert_eq!(printable("Siobhán", false), "Siobhán");
        let pdf = letter(&Letter {
            to: vec!["Tom Bennett \u{1F3E0}".into()],
            ..to_siobhan()
        })
        .expect("written all the same");
        assert!(extracted(&pdf).contains("Tom Bennett ?"));
    }

    #[test]
    fn lines_wrap_to_the_column_and_a_long_word_is_broken() {
        let lines = wrap(
            &"word ".repeat(60),
            false,
            BODY_SIZE,
            PAGE_WIDTH - LEFT - RIGHT,
        );
        assert!(lines.len() > 2);
        assert!(lines
            .iter()
            .all(|l| width_of(l, false, BODY_SIZE) <= PAGE_WIDTH - LEFT - RIGHT));
        let long = wrap(&"x".repeat(400), false, BODY_SIZE, 100.0);
        assert!(long.len() > 3 && long.iter().all(|l| width_of(l, false, BODY_SIZE) <= 100.0));
    }

    #[test]
    fn a_document_page_has_its_title_as_a_heading() {
        let pdf = text_page(
            "Fire (safety)",
            &["Leave by the stairs.", "Do not use the lift."],
        )
        .expect("a page");
        assert_eq!(
            crate::domain::documents::sniff(&pdf),
            Some(crate::domain::documents::FileKind::Pdf)
        );
        let text = extracted(&pdf);
        assert!(
            text.starts_with("Fire (safety) Leave by the stairs."),
            "{text}"
        );
    }
}
