import { Document, Font, Image, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ChartBlock, DocumentBlock, PrintableDocument } from "@/lib/documents/model";

// Words are never split with a hyphen: a name, an amount or a legal term must read (and search) whole.
Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  page: {
    paddingTop: 56,
    paddingBottom: 64,
    paddingHorizontal: 48,
    fontSize: 10,
    fontFamily: "Helvetica",
    lineHeight: 1.4,
  },
  header: {
    position: "absolute",
    top: 22,
    left: 48,
    right: 48,
    fontSize: 8,
    color: "#444",
    borderBottom: "0.5pt solid #bbb",
    paddingBottom: 4,
  },
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
  indent: { marginLeft: 14, marginBottom: 2 },
  chart: { width: 480, height: 180, marginVertical: 4 },
  small: { fontSize: 8, color: "#444", marginBottom: 4 },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #ddd", paddingVertical: 1 },
  cell: { width: 160 },
  // `top`, not `bottom`: a fixed element anchored at the bottom is drawn below the page (react-pdf 4).
  footer: { position: "absolute", top: 742, left: 48, right: 48, fontSize: 7, color: "#444" },
  watermark: {
    position: "absolute",
    top: 330,
    left: 0,
    right: 0,
    textAlign: "center",
    fontSize: 90,
    fontFamily: "Helvetica-Bold",
    color: "#d33",
    opacity: 0.15,
    transform: "rotate(-35deg)",
  },
});

/** A chart: its title, the image (drawn by `withChartImages`), what the marks mean, and the data table. */
function Chart({ block }: { block: ChartBlock }) {
  return (
    <View style={styles.line}>
      <View wrap={false}>
        <Text style={styles.strong}>{block.label}</Text>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image takes no alt: the title above and the data table below are its text */}
        {block.image && <Image style={styles.chart} src={{ data: Buffer.from(block.image), format: "png" }} />}
        <Text style={styles.small}>{block.legendText}</Text>
        <Text style={styles.strong}>{block.table.caption}</Text>
        <View style={styles.row}>
          {block.table.columns.map((column, i) => (
            <Text key={i} style={[styles.cell, styles.strong]}>
              {column}
            </Text>
          ))}
        </View>
      </View>
      {block.table.rows.map((row, i) => (
        <View key={i} style={styles.row} wrap={false}>
          {row.map((cell, j) => (
            <Text key={j} style={styles.cell}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function Block({ block }: { block: DocumentBlock }) {
  if (block.kind === "chart") return <Chart block={block} />;
  if (block.kind === "paragraph")
    return <Text style={[styles.line, ...(block.strong ? [styles.strong] : [])]}>{block.text}</Text>;
  if (block.kind === "field")
    return (
      <Text style={styles.line}>
        <Text style={styles.strong}>{block.label}: </Text>
        {block.value}
      </Text>
    );
  return (
    <View style={styles.line} wrap={false}>
      <Text style={styles.strong}>• {block.text}</Text>
      {block.detail?.map((line, i) => (
        <Text key={i} style={styles.indent}>
          {line}
        </Text>
      ))}
    </View>
  );
}

/**
 * The PDF rendering of a legal document model: the student's name in a header on every page, the
 * footer (fingerprint) and "page N of M" inside the page margins, and a DRAFT watermark on every page
 * of anything not final. Text stays text (accessible, searchable).
 */
export function LegalDocumentPdf({ doc }: { doc: PrintableDocument }) {
  return (
    <Document title={doc.title} language={doc.language} creator="PlanPath" producer="PlanPath">
      <Page size="LETTER" style={styles.page}>
        {doc.status === "draft" && (
          <Text style={styles.watermark} fixed>
            {doc.draftLabel}
          </Text>
        )}
        <Text style={styles.header} fixed>
          {`${doc.studentName} · ${doc.title}`}
        </Text>
        <View style={styles.footer} fixed>
          <Text>{doc.footer}</Text>
          <Text
            render={({ pageNumber, totalPages }) =>
              doc.pageLabel.replace("{page}", String(pageNumber)).replace("{pages}", String(totalPages))
            }
          />
        </View>
        <Text style={styles.title}>{doc.title}</Text>
        <Text style={styles.subtitle}>{doc.subtitle}</Text>
        {doc.sections.map((section, i) => (
          <View key={i} wrap>
            <Text style={styles.heading} minPresenceAhead={40}>
              {section.heading}
            </Text>
            {section.blocks.map((block, j) => (
              <Block key={j} block={block} />
            ))}
          </View>
        ))}
      </Page>
    </Document>
  );
}
