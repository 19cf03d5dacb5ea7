// Every table of every module, for Drizzle's typed queries.

export * from './assignments/assignments.tables';
export * from './attachments/attachments.tables';
export * from './audit/audit.tables';
export * from './auth/auth.tables';
export * from './benchmarks/benchmarks.tables';
export * from './calendar/calendar.tables';
export * from './cultivation/cultivation.tables';
export * from './departments/departments.tables';
export * from './dicts/dicts.tables';
export * from './enterprises/enterprises.tables';
export * from './honours/honours.tables';
export * from './industries/industries.tables';
export * from './investment-plans/investment-plans.tables';
export * from './jobs/jobs.tables';
export * from './leads/leads.tables';
export * from './notifications/notifications.tables';
export * from './projects/projects.tables';
export * from './regions/regions.tables';
export * from './roles/roles.tables';
export * from './settings/settings.tables';
export * from './study-tours/study-tours.tables';
export * from './targets/targets.tables';
export * from './tickets/tickets.tables';
export * from './users/users.tables';
export * from './visits/visits.tables';
