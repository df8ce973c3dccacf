-- A teacher's report can also be read as a one-page PDF; such a view is logged like the others.
alter table report_view drop constraint report_view_channel_check;
alter table report_view add constraint report_view_channel_check check (channel in ('PAGE', 'API', 'CSV', 'PDF'));
