package org.rapport.app.language;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A network's own translators at work: every text of Rapport exported with the English beside it
 * (CSV, UTF-8, one row per key), and a translated file imported whole or not at all, each fault
 * named by line and column. Texts travel as people read them (an apostrophe is an apostrophe);
 * placeholders such as {0} must be kept.
 */
@Service
public class Translations {
    static final List<String> BUNDLES = List.of("messages", "itembank/items");
    static final List<String> HEADER = List.of("key", "english", "translation");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}");

    private final TranslationRepository repository;
    private final NetworkMessageSource messages;
    private final Languages languages;
    private final Map<String, String> english;

    Translations(TranslationRepository repository, NetworkMessageSource messages, Languages languages) {
        this.repository = repository;
        this.messages = messages;
        this.languages = languages;
        this.english = load("");
    }

    /** A fault of an imported file, by line (1 is the header) and column. */
    public record Fault(long line, String column, String problem) {
    }

    /** Every text for translators, in key order: the English, and the network's (else Rapport's) text of the language. */
    public String export(StaffUser user, String language) {
        requireNetworkAdmin(user);
        String tag = tag(language);
        Map<String, String> shipped = load(tag);
        Map<String, String> own = repository.texts(user.networkId(), tag);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (Map.Entry<String, String> e : english.entrySet()) {
                String text = own.containsKey(e.getKey()) ? own.get(e.getKey()) : shipped.getOrDefault(e.getKey(), "");
                csv.printRecord(e.getKey(), readable(e.getValue()), readable(text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Checks a translated file whole and, if it is right, makes it the network's texts of the language; otherwise changes nothing. */
    @Transactional
    public int importFile(StaffUser user, String language, byte[] file) {
        requireNetworkAdmin(user);
        String tag = tag(language);
        List<Fault> faults = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(new java.io.ByteArrayInputStream(file), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            if (!csv.getHeaderNames().containsAll(HEADER)) {
                throw new TranslationFileException(List.of(new Fault(1, "", "the first line must name the columns key, english, translation")));
            }
            for (CSVRecord row : csv) {
                long line = row.getRecordNumber() + 1;
                String key = row.isMapped("key") && row.isSet("key") ? row.get("key").strip() : "";
                String text = row.isSet("translation") ? row.get("translation") : "";
                if (!english.containsKey(key)) {
                    faults.add(new Fault(line, "key", key.isEmpty() ? "no key" : "'" + InvalidInputException.abbreviate(key, 60) + "' is not a text of Rapport"));
                    continue;
                }
                if (texts.containsKey(key)) {
                    faults.add(new Fault(line, "key", key + " is translated twice"));
                    continue;
                }
                String problem = check(key, text);
                if (problem != null) {
                    faults.add(new Fault(line, "translation", key + ": " + problem));
                    continue;
                }
                texts.put(key, pattern(text.strip()));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new TranslationFileException(List.of(new Fault(0, "", "not a CSV file Rapport can read: " + InvalidInputException.abbreviate(String.valueOf(e.getMessage()), 60))));
        }
        for (String key : english.keySet()) {
            if (!texts.containsKey(key) && faults.stream().noneMatch(f -> f.problem().startsWith(key + ":"))) {
                faults.add(new Fault(0, "key", key + " is missing: every text needs its translation"));
            }
        }
        if (!faults.isEmpty()) {
            throw new TranslationFileException(faults);
        }
        repository.replace(user.networkId(), tag, texts, user.id());
        messages.forget(user.networkId(), tag);
        languages.refresh();
        return texts.size();
    }

    /** The faults of one translated text, or null. */
    private String check(String key, String text) {
        if (text == null || text.isBlank()) {
            return "the translation is empty";
        }
        if (text.length() > 5000) {
            return "longer than 5000 characters";
        }
        int control = org.rapport.app.web.ControlCharacters.find(text);
        if (control >= 0) {
            return "has a control character (" + org.rapport.app.web.ControlCharacters.name(text, control) + "); remove it";
        }
        Set<String> wanted = placeholders(english.get(key));
        Set<String> found = placeholders(text);
        if (!found.equals(wanted)) {
            return wanted.isEmpty() ? "has a placeholder " + found + " that the English does not have"
                    : "must keep the placeholders " + wanted.stream().map(p -> "{" + p + "}").toList() + " (it has "
                    + found.stream().map(p -> "{" + p + "}").toList() + ")";
        }
        try {
            new com.ibm.icu.text.MessageFormat(pattern(text.strip()), Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "has a { or } that is not a placeholder";
        }
        if (key.equals("language.direction") && !Set.of("ltr", "rtl").contains(text.strip())) {
            return "is ltr (left to right) or rtl (right to left)";
        }
        if (key.equals("language.status") && !Set.of("draft", "reviewed").contains(text.strip())) {
            return "is draft, or reviewed once a native speaker has checked every text";
        }
        return null;
    }

    /** The languages this network has its own translation of, with when each was imported. */
    public Map<String, java.time.Instant> ownLanguages(StaffUser user) {
        requireNetworkAdmin(user);
        Map<String, java.time.Instant> out = new java.util.TreeMap<>();
        repository.imported().stream().filter(i -> i.networkId() == user.networkId()).forEach(i -> out.put(i.language(), i.importedAt()));
        return out;
    }

    static void requireNetworkAdmin(StaffUser user) {
        if (user == null || !user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
    }

    /** A language tag a network may translate into: not English, in which every text is written first. */
    static String tag(String language) {
        String tag = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException("language", "a language code of ISO 639, two or three letters such as pl or ur");
        }
        if (tag.equals(Languages.SOURCE)) {
            throw new InvalidInputException("language", "English is the language every text is written in first; translate into another");
        }
        return tag;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** A message pattern as people read it: doubled apostrophes single. */
    static String readable(String pattern) {
        return pattern.replace("''", "'");
    }

    /** A text as people wrote it, as a message pattern: apostrophes doubled. */
    static String pattern(String readable) {
        return readable.replace("'", "''");
    }

    /** The shipped texts of a language ("" for English), by key in English's order. */
    private static Map<String, String> load(String tag) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String bundle : BUNDLES) {
            ClassPathResource file = new ClassPathResource(bundle + (tag.isEmpty() ? "" : "_" + tag) + ".properties");
            if (!file.exists()) {
                continue;
            }
            Properties p = new Properties();
            try (Reader in = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    /** A translated file with faults: 422 listing each by line and column; nothing was imported. */
    public static class TranslationFileException extends InvalidInputException {
        private final List<Fault> faults;

        TranslationFileException(List<Fault> faults) {
            super(422, faults.stream().map(f -> new FieldError(f.column().isEmpty() ? "file" : f.column(),
                    (f.line() > 0 ? "line " + f.line() + ": " : "") + f.problem())).toList(), "the translation file has " + faults.size()
                    + (faults.size() == 1 ? " problem" : " problems") + "; nothing was imported");
            this.faults = List.copyOf(faults);
        }

        public List<Fault> faults() {
            return faults;
        }

        @Override
        public List<Map<String, Object>> problems() {
            return faults.stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", f.line());
                m.put("column", f.column());
                m.put("message", f.problem());
                return m;
            }).toList();
        }
    }
}
