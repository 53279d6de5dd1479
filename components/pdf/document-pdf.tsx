import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";

export interface PdfSection {
  heading: string;
  lines: { text: string; strong?: boolean; indent?: boolean }[];
}

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 10, fontFamily: "Helvetica", lineHeight: 1.4 },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  subtitle: { fontSize: 10, color: "#444", marginBottom: 14 },
  heading: {
    fontSize: 12,
    fontFamily: "Helvetica-Bold",
    marginTop: 12,
    marginBottom: 4,
    borderBottom: "1pt solid #ccc",
    paddingBottom: 2,
  },
  line: { marginBottom: 3 },
  strong: { fontFamily: "Helvetica-Bold" },
  indent: { marginLeft: 14 },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, fontSize: 7, color: "#666" },
});

/** A plain, accessible-text PDF: title, subtitle, headed sections of lines, and a footer on every page. */
export function DocumentPdf({
  title,
  subtitle,
  sections,
  footer,
  language,
}: {
  title: string;
  subtitle: string;
  sections: PdfSection[];
  footer: string;
  language: string;
}) {
  return (
    <Document title={title} language={language} creator="PlanPath" producer="PlanPath">
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.title}>{title}</Text>
        <Text style={styles.subtitle}>{subtitle}</Text>
        {sections.map((section, i) => (
          <View key={i} wrap>
            <Text style={styles.heading}>{section.heading}</Text>
            {section.lines.map((line, j) => (
              <Text
                key={j}
                style={[styles.line, ...(line.strong ? [styles.strong] : []), ...(line.indent ? [styles.indent] : [])]}
              >
                {line.text}
              </Text>
            ))}
          </View>
        ))}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) => `${footer} · ${pageNumber}/${totalPages}`}
        />
      </Page>
    </Document>
  );
}
