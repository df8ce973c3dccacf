package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A printable summary as its reader gets it: one page, drawn as a picture to be looked at, and its words;
 * nothing on it runs into the paper's edge.
 */
public final class OnePagePdf {
    /** The band along each edge of the paper that must stay blank (the templates' margins are 14 to 16 mm). */
    public static final double EDGE_MM = 8;
    private static final int DPI = 100;

    private OnePagePdf() {
    }

    /**
     * Asserts the PDF is one page with nothing in its outer {@link #EDGE_MM} mm, draws it to
     * target/screenshots/{@code picture}.png and answers its text, spaces collapsed.
     */
    public static String read(byte[] pdf, String picture) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("one page").isEqualTo(1);
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            javax.imageio.ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 80), "png", dir.resolve(picture + ".png").toFile());
            assertThat(inkInMargins(document, EDGE_MM)).as(picture + ": nothing within " + EDGE_MM + " mm of the paper's edge").isEmpty();
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** What is drawn within {@code mm} of a page's edge: letters placed there, and any pixel not white when the page is drawn. */
    public static List<String> inkInMargins(byte[] pdf, double mm) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return inkInMargins(document, mm);
        }
    }

    static List<String> inkInMargins(PDDocument document, double mm) throws IOException {
        List<String> found = new ArrayList<>();
        float band = (float) (mm / 25.4 * 72);
        for (int p = 0; p < document.getNumberOfPages(); p++) {
            int page = p + 1;
            PDRectangle box = document.getPage(p).getMediaBox();
            PDFTextStripper letters = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition t : positions) {
                        float x = t.getXDirAdj();
                        float y = t.getYDirAdj();
                        if (x < band || x + t.getWidthDirAdj() > box.getWidth() - band || y - t.getHeightDir() < band || y > box.getHeight() - band) {
                            found.add("page " + page + ": '" + text + "' at " + Math.round(x / 72 * 25.4) + " mm, " + Math.round(y / 72 * 25.4) + " mm");
                            return;
                        }
                    }
                }
            };
            letters.setStartPage(page);
            letters.setEndPage(page);
            letters.getText(document);
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(p, DPI);
            int edge = (int) Math.ceil(mm / 25.4 * DPI);
            int inked = 0;
            for (int y = 0; y < image.getHeight() && inked == 0; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (x >= edge && x < image.getWidth() - edge && y >= edge && y < image.getHeight() - edge) {
                        continue;
                    }
                    int rgb = image.getRGB(x, y);
                    if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                        found.add("page " + page + ": ink at " + Math.round(x * 25.4 / DPI) + " mm, " + Math.round(y * 25.4 / DPI) + " mm");
                        inked++;
                        break;
                    }
                }
            }
        }
        return found;
    }
}
