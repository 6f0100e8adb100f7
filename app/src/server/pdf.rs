//! A plain one-page PDF of text (PDF 1.4, Helvetica), for the demo documents: real files that
//! open in any reader, made here rather than shipped as binaries.

/// Escapes text for a PDF string: backslash and brackets, and anything outside ASCII replaced.
fn pdf_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\\' | '(' | ')' => format!("\\{c}"),
            c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
            _ => "-".to_owned(),
        })
        .collect()
}

/// A page with a title and lines of text, wrapped at about 90 characters.
pub fn text_page(title: &str, lines: &[&str]) -> Vec<u8> {
    let lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let pages = layout(title, &lines, 11, 90, 60);
    let pages: Vec<String> = pages.into_iter().take(1).collect();
    document(&pages)
}

/// A letter for the print queue: its lines (address, date, words) in 12 point, or in 18 point
/// large print with shorter lines, on as many pages as it needs.
pub fn letter(lines: &[String], large_print: bool) -> Vec<u8> {
    let (size, width) = if large_print { (18, 50) } else { (12, 80) };
    document(&layout("", lines, size, width, 60))
}

/// Page contents: the title in 18 point on the first page, then each line wrapped at `width`
/// characters, a new page whenever the text reaches `bottom`.
fn layout(title: &str, lines: &[String], size: i32, width: usize, bottom: i32) -> Vec<String> {
    let leading = size * 3 / 2;
    let top = 780;
    let mut pages = Vec::new();
    let mut content = String::new();
    let mut y = top;
    if !title.is_empty() {
        content.push_str(&format!(
            "BT /F1 18 Tf 56 {y} Td ({}) Tj ET\n",
            pdf_text(title)
        ));
        y -= 32;
    }
    for line in lines {
        let mut current = String::new();
        let mut wrapped = Vec::new();
        for word in line.split_whitespace() {
            if current.len() + word.len() + 1 > width && !current.is_empty() {
                wrapped.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        wrapped.push(current);
        for part in wrapped {
            if y < bottom {
                pages.push(std::mem::take(&mut content));
                y = top;
            }
            content.push_str(&format!(
                "BT /F1 {size} Tf 56 {y} Td ({}) Tj ET\n",
                pdf_text(&part)
            ));
            y -= leading;
        }
        y -= size / 2;
    }
    pages.push(content);
    pages
}

/// A PDF 1.4 file of these page contents, with its cross-reference table.
fn document(pages: &[String]) -> Vec<u8> {
    let count = pages.len();
    // 1 catalog, 2 pages, 3 font, then a page and its contents for each page.
    let kids: Vec<String> = (0..count).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {count} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    fn assert_cross_reference(pdf: &[u8], objects: usize) {
        assert_eq!(
            crate::domain::documents::sniff(pdf),
            Some(crate::domain::documents::FileKind::Pdf)
        );
        let text = String::from_utf8(pdf.to_vec()).expect("ascii");
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(text[start..].starts_with("xref"));
        // Each object's offset points at "N 0 obj".
        let lines: Vec<&str> = text[start..].lines().skip(3).take(objects).collect();
        assert_eq!(lines.len(), objects);
        for (i, line) in lines.into_iter().enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(text[offset..].starts_with(&format!("{} 0 obj", i + 1)));
        }
    }

    #[test]
    fn the_page_is_a_pdf_with_a_correct_cross_reference() {
        let pdf = super::text_page(
            "Fire (safety)",
            &["Leave by the stairs.", "Do not use the lift."],
        );
        assert!(String::from_utf8_lossy(&pdf).contains("(Fire \\(safety\\)) Tj"));
        assert_cross_reference(&pdf, 5);
    }

    #[test]
    fn a_long_large_print_letter_runs_onto_more_pages() {
        let lines: Vec<String> = (0..70)
            .map(|i| format!("Paragraph {i} of the letter."))
            .collect();
        let normal = super::letter(&lines, false);
        let large = super::letter(&lines, true);
        assert!(String::from_utf8_lossy(&normal).contains("/Count 3 "));
        assert!(String::from_utf8_lossy(&large).contains("/Count 4 "));
        assert!(String::from_utf8_lossy(&large).contains("/F1 18 Tf"));
        assert_cross_reference(&normal, 3 + 2 * 3);
        assert_cross_reference(&large, 3 + 2 * 4);
    }
}
