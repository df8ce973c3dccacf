package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** A printable summary as its reader gets it: one page, drawn as a picture to be looked at, and its words. */
public final class OnePagePdf {
    private OnePagePdf() {
    }

    /** Asserts the PDF is one page, draws it to target/screenshots/{@code picture}.png and answers its text, spaces collapsed. */
    public static String read(byte[] pdf, String picture) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("one page").isEqualTo(1);
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            javax.imageio.ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 80), "png", dir.resolve(picture + ".png").toFile());
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
