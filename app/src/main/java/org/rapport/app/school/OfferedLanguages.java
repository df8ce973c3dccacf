package org.rapport.app.school;

import java.util.List;

/**
 * The question "which languages may a pupil take the survey in?", asked when a school writes its support text for a
 * language, and answered by the language package (its languages on offer, those a network imported among them).
 */
public interface OfferedLanguages {
    /** The tags of the languages on offer ({@code en}, {@code ar}, ...). */
    List<String> offeredTags();

    /** The language's name in itself ({@code العربية} for {@code ar}), or the tag when it is not on offer. */
    String nameOf(String tag);
}
