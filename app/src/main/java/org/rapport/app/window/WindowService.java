package org.rapport.app.window;

import org.rapport.app.itembank.ItemBank;
import org.rapport.app.school.School;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Survey windows: created as drafts, opened for answers, closed for good. */
@Service
public class WindowService {
    private final WindowRepository windows;
    private final ItemBank bank;

    public WindowService(WindowRepository windows, ItemBank bank) {
        this.windows = windows;
        this.bank = bank;
    }

    public SurveyWindow get(long id) {
        return windows.find(id).orElseThrow(() -> new NotFoundException("survey window", id));
    }

    @Transactional
    public SurveyWindow create(School school, String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 80 || clean.chars().anyMatch(c -> c < 32)) {
            throw new InvalidInputException("name", "give the window a name of 1 to 80 characters, e.g. Autumn 2026");
        }
        if (windows.nameTaken(school.id(), clean)) {
            throw new InvalidInputException("name", "this school already has a window called " + clean);
        }
        return get(windows.create(school.id(), clean, bank.version()));
    }

    @Transactional
    public SurveyWindow open(SurveyWindow window) {
        if (!windows.setStatus(window.id(), SurveyWindow.Status.DRAFT, SurveyWindow.Status.OPEN)) {
            throw new ConflictException("status", "only a window that has not been opened yet can be opened; this one is "
                    + window.status().name().toLowerCase());
        }
        return get(window.id());
    }

    @Transactional
    public SurveyWindow close(SurveyWindow window) {
        if (!windows.setStatus(window.id(), SurveyWindow.Status.OPEN, SurveyWindow.Status.CLOSED)) {
            throw new ConflictException("status", "only an open window can be closed; this one is "
                    + window.status().name().toLowerCase());
        }
        return get(window.id());
    }
}
