package org.rapport.app.school;

public record ClassGroup(long id, long schoolId, String ref, String name, String yearGroup, int pupils) {
}
