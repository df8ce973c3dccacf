/**
 * A school's people one at a time: a staff id changed, a person retired, two records of one person merged (every
 * row that names the one merged away moved through its owning package: {@code response.Responses}, {@code
 * privacy.PrivacyEngine}, {@code measuring.MeasureService}, {@code report.StaffReports}, {@code goal.StaffGoals},
 * {@code yousaid.StaffReplies}, {@code safeguarding.StaffLeads}, {@code language.StaffTranslations}, {@code
 * retention.StaffDeletions}, {@code school.StaffRecords}); each previewed, confirmed and logged. What it owns and
 * which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.people;
