package org.rapport.app.school;

public record School(long id, long networkId, String name) {
}
