package org.rapport.app.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * One-page PDFs drawn on the server (openhtmltopdf) from an XHTML template: the school's or the network's
 * summary for a staff meeting, the governors or the trust's board, and a teacher's own page. They show exactly what the summary shows, so only what the privacy
 * engine releases, and say what the numbers mean. Text is set in DejaVu Sans where the system has it
 * (Debian's fonts-dejavu-core, which the test and run scripts install), so Polish, Spanish and Arabic print
 * whole (Arabic right to left, its letters joined, through the renderer's bidirectional and shaping support on
 * ICU); without the font the PDF is in English.
 */
@Component
class SummaryPdf {
    private final ITemplateEngine templates;
    private final java.time.Clock clock;
    private final org.rapport.app.language.Languages languages;

    private final org.rapport.app.measuring.Points points;

    SummaryPdf(ITemplateEngine templates, org.rapport.app.language.Languages languages, java.time.Clock clock,
               org.rapport.app.measuring.Points points) {
        this.points = points;
        this.clock = clock;
        this.templates = templates;
        this.languages = languages;
    }

    static final java.nio.file.Path FONT = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    static final java.nio.file.Path BOLD = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    /** The language a PDF can be drawn in: the reader's where the font and renderer can set it, else English. */
    Locale printable(Locale locale) {
        boolean english = locale == null || locale.getLanguage().equals("en");
        return english || !java.nio.file.Files.isReadable(FONT) ? Locale.ENGLISH : locale;
    }

    /** A school's or the network's summary ({@code place}: the school's or the network's name) for one window name. */
    byte[] summary(String place, String windowName, Summaries.Summary summary, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("place", place);
        context.setVariable("windowName", windowName);
        context.setVariable("summary", summary);
        context.setVariable("today", LocalDate.now(clock));
        // figures rounded as on the pages
        context.setVariable("points", points);
        return render(templates.process("pdf/summary", direction(context, locale)), rightToLeft(locale));
    }

    /** A teacher's own page: their pupils' view part by part, changes since their last window, and (for them alone) their own view beside it. */
    byte[] teacher(SurveyWindow window, School school, String teacherName, Summaries.TeacherSummary summary, java.util.List<SelfViews.Gap> gaps,
                   Locale locale) {
        Context context = new Context(locale);
        context.setVariable("school", school);
        context.setVariable("window", window);
        context.setVariable("teacherName", teacherName);
        context.setVariable("summary", summary);
        context.setVariable("gaps", gaps);
        context.setVariable("today", LocalDate.now(clock));
        // figures rounded as on the pages
        context.setVariable("points", points);
        return render(templates.process("pdf/teacher-summary", direction(context, locale)), rightToLeft(locale));
    }

    private boolean rightToLeft(Locale locale) {
        return locale != null && languages.of(locale).rightToLeft();
    }

    /** The page's direction for the template's html element. */
    private Context direction(Context context, Locale locale) {
        context.setVariable("direction", rightToLeft(locale) ? "rtl" : "ltr");
        return context;
    }

    private static byte[] render(String xhtml, boolean rightToLeft) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            // the bidirectional algorithm on every run of text (a school's name in Latin letters inside an Arabic sentence, a
            // figure), and Arabic letters joined as they are written
            builder.useUnicodeBidiSplitter(new com.openhtmltopdf.bidi.support.ICUBidiSplitter.ICUBidiSplitterFactory());
            builder.useUnicodeBidiReorderer(new com.openhtmltopdf.bidi.support.ICUBidiReorderer());
            builder.defaultTextDirection(rightToLeft ? com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection.RTL
                    : com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection.LTR);
            if (java.nio.file.Files.isReadable(FONT)) {
                builder.useFont(FONT.toFile(), "DejaVu Sans", 400, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            if (java.nio.file.Files.isReadable(BOLD)) {
                builder.useFont(BOLD.toFile(), "DejaVu Sans", 700, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
