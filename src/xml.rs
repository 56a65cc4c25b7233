//! Small XML helpers: roxmltree to read (namespaces resolved, local names compared), and
//! escaping for the documents we write by hand.

use std::borrow::Cow;

pub use roxmltree::{Document, Node};

/// Escapes text for an element body or an attribute value.
pub fn escape(text: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// The first child element with this local name (namespace ignored, as Lync varies them).
pub fn child<'a, 'input>(node: Node<'a, 'input>, local: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == local)
}

/// Every child element with this local name.
pub fn children<'a, 'input>(
    node: Node<'a, 'input>,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == local)
}

/// Follows a path of local names from `node`.
pub fn path<'a, 'input>(node: Node<'a, 'input>, names: &[&str]) -> Option<Node<'a, 'input>> {
    names.iter().try_fold(node, |n, name| child(n, name))
}

/// All text inside an element, concatenated.
pub fn text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_ignore_namespaces_and_text_joins() {
        let doc = Document::parse(r#"<a xmlns="urn:x"><b><c>one<d>two</d></c></b></a>"#).unwrap();
        let c = path(doc.root_element(), &["b", "c"]).unwrap();
        assert_eq!(text(c), "onetwo");
        assert!(child(doc.root_element(), "zz").is_none());
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
