"""Data inventory (GDPR art. 30): every stored field, what kind of data it holds and how
long it is kept. `synergy/tests/test_data_inventory.py` fails when a model gets a field
that is not listed here, so nobody adds personal data without deciding its retention.

Categories
- NONE: no personal data (structure, figures, dates, states).
- STAFF: about the app's users (municipal staff, consultants): accounts and the
  references that say who did what.
- CITIZEN: about citizens: quotes and who said them, interview notes, photos, free-text
  answers and comments in test schemas. May contain special-category data in free text;
  the consultant reviews quotes before they are shown or printed.
- FREE_TEXT: project texts written by staff; not meant to hold personal data.

Retention
- PROJECT: kept as long as the project; deleted with it.
- PURGE: deleted `Project.personal_data_retention_days` after the project's end date
  by `manage.py gdpr_purge` (run daily), or earlier by `manage.py gdpr_erase`.
- ACCOUNT: kept while the user account exists; `manage.py gdpr_erase --user`
  anonymises the account (the references then point at "slettet-<id>").

Files: photos (testing.Photo.file) and catalogue PDFs (reporting.CatalogueRender.file)
are deleted from storage with their rows; a PDF that printed an erased quote is deleted.

Outside the models: sessions (django_session, until they end; erasing a user ends
theirs) and the cache (`synergi_cache` table or Redis), which holds password-reset
counters keyed by an HMAC of the e-mail and client address, never the addresses
themselves, for one hour. Logs hold account ids, never names or addresses.
"""

NONE = "none"
STAFF = "staff"
CITIZEN = "citizen"
FREE_TEXT = "free_text"

PROJECT = "project"
PURGE = "purge"
ACCOUNT = "account"
LOCKOUT = "lockout"  # failed logins: until the cool-off ends or the login succeeds
AUDIT = "audit"  # the audit trail: AUDIT_RETENTION_DAYS (3 years), then gdpr_purge

# The models the inventory covers: ours, the user account, and the failed-login rows.
# (django-axes' access log is switched off: AXES_DISABLE_ACCESS_LOG.)
APPS = ["synergy", "sites", "initiatives", "testing", "reporting"]
EXTRA_MODELS = ["auth.User", "axes.AccessAttempt"]

INVENTORY = {
    # synergy.AuditEvent: who did what, when (ids and field names, never values)
    "synergy.AuditEvent.id": (NONE, AUDIT),
    "synergy.AuditEvent.at": (STAFF, AUDIT),
    "synergy.AuditEvent.user": (STAFF, AUDIT),
    "synergy.AuditEvent.project": (NONE, AUDIT),
    "synergy.AuditEvent.action": (NONE, AUDIT),
    "synergy.AuditEvent.object_type": (NONE, AUDIT),
    "synergy.AuditEvent.object_ids": (NONE, AUDIT),
    "synergy.AuditEvent.fields": (NONE, AUDIT),
    "synergy.AuditEvent.detail": (NONE, AUDIT),
    # auth.User
    "auth.User.id": (STAFF, ACCOUNT),
    "auth.User.password": (STAFF, ACCOUNT),
    "auth.User.last_login": (STAFF, ACCOUNT),
    "auth.User.is_superuser": (STAFF, ACCOUNT),
    "auth.User.username": (STAFF, ACCOUNT),
    "auth.User.first_name": (STAFF, ACCOUNT),
    "auth.User.last_name": (STAFF, ACCOUNT),
    "auth.User.email": (STAFF, ACCOUNT),
    "auth.User.is_staff": (STAFF, ACCOUNT),
    "auth.User.is_active": (STAFF, ACCOUNT),
    "auth.User.date_joined": (STAFF, ACCOUNT),
    # axes.AccessAttempt
    "axes.AccessAttempt.id": (NONE, LOCKOUT),
    "axes.AccessAttempt.user_agent": (STAFF, LOCKOUT),
    "axes.AccessAttempt.ip_address": (STAFF, LOCKOUT),
    "axes.AccessAttempt.username": (STAFF, LOCKOUT),
    "axes.AccessAttempt.http_accept": (NONE, LOCKOUT),
    "axes.AccessAttempt.path_info": (NONE, LOCKOUT),
    "axes.AccessAttempt.attempt_time": (STAFF, LOCKOUT),
    "axes.AccessAttempt.get_data": (STAFF, LOCKOUT),
    "axes.AccessAttempt.post_data": (STAFF, LOCKOUT),
    "axes.AccessAttempt.failures_since_start": (STAFF, LOCKOUT),
    # synergy.Project
    "synergy.Project.id": (NONE, PROJECT),
    "synergy.Project.created_at": (NONE, PROJECT),
    "synergy.Project.updated_at": (NONE, PROJECT),
    "synergy.Project.name": (NONE, PROJECT),
    "synergy.Project.guiding_question": (NONE, PROJECT),
    "synergy.Project.purpose": (FREE_TEXT, PROJECT),
    "synergy.Project.starts_on": (NONE, PROJECT),
    "synergy.Project.ends_on": (NONE, PROJECT),
    "synergy.Project.personal_data_retention_days": (NONE, PROJECT),
    # synergy.Membership
    "synergy.Membership.id": (NONE, PROJECT),
    "synergy.Membership.created_at": (NONE, PROJECT),
    "synergy.Membership.updated_at": (NONE, PROJECT),
    "synergy.Membership.user": (STAFF, ACCOUNT),
    "synergy.Membership.project": (NONE, PROJECT),
    "synergy.Membership.role": (NONE, PROJECT),
    "synergy.Membership.site": (NONE, PROJECT),
    # sites.Municipality
    "sites.Municipality.id": (NONE, PROJECT),
    "sites.Municipality.created_at": (NONE, PROJECT),
    "sites.Municipality.updated_at": (NONE, PROJECT),
    "sites.Municipality.name": (NONE, PROJECT),
    "sites.Municipality.code": (NONE, PROJECT),
    # sites.Site
    "sites.Site.id": (NONE, PROJECT),
    "sites.Site.created_at": (NONE, PROJECT),
    "sites.Site.updated_at": (NONE, PROJECT),
    "sites.Site.name": (NONE, PROJECT),
    "sites.Site.municipality": (NONE, PROJECT),
    "sites.Site.integration_degree": (NONE, PROJECT),
    "sites.Site.borgerservice_since": (NONE, PROJECT),
    "sites.Site.staff_count": (NONE, PROJECT),
    "sites.Site.staffing": (STAFF, PROJECT),
    "sites.Site.address": (NONE, PROJECT),
    "sites.Site.description": (FREE_TEXT, PROJECT),
    # sites.ServicePoint
    "sites.ServicePoint.id": (NONE, PROJECT),
    "sites.ServicePoint.created_at": (NONE, PROJECT),
    "sites.ServicePoint.updated_at": (NONE, PROJECT),
    "sites.ServicePoint.name": (NONE, PROJECT),
    "sites.ServicePoint.municipality": (NONE, PROJECT),
    "sites.ServicePoint.address": (NONE, PROJECT),
    "sites.ServicePoint.description": (FREE_TEXT, PROJECT),
    # sites.OpeningHours
    "sites.OpeningHours.id": (NONE, PROJECT),
    "sites.OpeningHours.created_at": (NONE, PROJECT),
    "sites.OpeningHours.updated_at": (NONE, PROJECT),
    "sites.OpeningHours.site": (NONE, PROJECT),
    "sites.OpeningHours.service_point": (NONE, PROJECT),
    "sites.OpeningHours.weekday": (NONE, PROJECT),
    "sites.OpeningHours.opens_at": (NONE, PROJECT),
    "sites.OpeningHours.closes_at": (NONE, PROJECT),
    "sites.OpeningHours.kind": (NONE, PROJECT),
    "sites.OpeningHours.note": (NONE, PROJECT),
    # sites.CitizenService
    "sites.CitizenService.id": (NONE, PROJECT),
    "sites.CitizenService.created_at": (NONE, PROJECT),
    "sites.CitizenService.updated_at": (NONE, PROJECT),
    "sites.CitizenService.name": (NONE, PROJECT),
    "sites.CitizenService.category": (NONE, PROJECT),
    "sites.CitizenService.description": (FREE_TEXT, PROJECT),
    "sites.CitizenService.requires_attendance": (NONE, PROJECT),
    "sites.CitizenService.self_service_online": (NONE, PROJECT),
    # sites.ServiceOffering
    "sites.ServiceOffering.id": (NONE, PROJECT),
    "sites.ServiceOffering.created_at": (NONE, PROJECT),
    "sites.ServiceOffering.updated_at": (NONE, PROJECT),
    "sites.ServiceOffering.site": (NONE, PROJECT),
    "sites.ServiceOffering.service_point": (NONE, PROJECT),
    "sites.ServiceOffering.service": (NONE, PROJECT),
    "sites.ServiceOffering.level": (NONE, PROJECT),
    "sites.ServiceOffering.note": (NONE, PROJECT),
    # initiatives.Term
    "initiatives.Term.id": (NONE, PROJECT),
    "initiatives.Term.created_at": (NONE, PROJECT),
    "initiatives.Term.updated_at": (NONE, PROJECT),
    "initiatives.Term.project": (NONE, PROJECT),
    "initiatives.Term.vocabulary": (NONE, PROJECT),
    "initiatives.Term.name": (NONE, PROJECT),
    "initiatives.Term.description": (FREE_TEXT, PROJECT),
    "initiatives.Term.position": (NONE, PROJECT),
    # initiatives.Theme
    "initiatives.Theme.id": (NONE, PROJECT),
    "initiatives.Theme.created_at": (NONE, PROJECT),
    "initiatives.Theme.updated_at": (NONE, PROJECT),
    "initiatives.Theme.project": (NONE, PROJECT),
    "initiatives.Theme.name": (NONE, PROJECT),
    "initiatives.Theme.synergy": (FREE_TEXT, PROJECT),
    "initiatives.Theme.barriers": (FREE_TEXT, PROJECT),
    "initiatives.Theme.position": (NONE, PROJECT),
    # initiatives.SolutionSpace
    "initiatives.SolutionSpace.id": (NONE, PROJECT),
    "initiatives.SolutionSpace.created_at": (NONE, PROJECT),
    "initiatives.SolutionSpace.updated_at": (NONE, PROJECT),
    "initiatives.SolutionSpace.project": (NONE, PROJECT),
    "initiatives.SolutionSpace.theme": (NONE, PROJECT),
    "initiatives.SolutionSpace.name": (NONE, PROJECT),
    "initiatives.SolutionSpace.guiding_question": (NONE, PROJECT),
    "initiatives.SolutionSpace.description": (FREE_TEXT, PROJECT),
    "initiatives.SolutionSpace.recommendations": (NONE, PROJECT),
    "initiatives.SolutionSpace.position": (NONE, PROJECT),
    # initiatives.ServiceSynergyCard
    "initiatives.ServiceSynergyCard.id": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.created_at": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.updated_at": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.project": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.service": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.title": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.the_service": (FREE_TEXT, PROJECT),
    "initiatives.ServiceSynergyCard.the_citizen": (FREE_TEXT, PROJECT),
    "initiatives.ServiceSynergyCard.library_synergy": (FREE_TEXT, PROJECT),
    "initiatives.ServiceSynergyCard.channels": (NONE, PROJECT),
    "initiatives.ServiceSynergyCard.communication": (FREE_TEXT, PROJECT),
    "initiatives.ServiceSynergyCard.challenge": (FREE_TEXT, PROJECT),
    "initiatives.ServiceSynergyCard.position": (NONE, PROJECT),
    # initiatives.Interview
    "initiatives.Interview.id": (NONE, PROJECT),
    "initiatives.Interview.created_at": (NONE, PROJECT),
    "initiatives.Interview.updated_at": (NONE, PROJECT),
    "initiatives.Interview.project": (NONE, PROJECT),
    "initiatives.Interview.site": (NONE, PROJECT),
    "initiatives.Interview.service": (NONE, PROJECT),
    "initiatives.Interview.age_band": (NONE, PROJECT),
    "initiatives.Interview.held_on": (NONE, PROJECT),
    "initiatives.Interview.length": (NONE, PROJECT),
    "initiatives.Interview.notes": (CITIZEN, PURGE),
    # initiatives.Quote
    "initiatives.Quote.id": (NONE, PROJECT),
    "initiatives.Quote.created_at": (NONE, PROJECT),
    "initiatives.Quote.updated_at": (NONE, PROJECT),
    "initiatives.Quote.project": (NONE, PROJECT),
    "initiatives.Quote.text": (CITIZEN, PURGE),
    "initiatives.Quote.speaker_label": (CITIZEN, PURGE),
    "initiatives.Quote.age_band": (CITIZEN, PURGE),
    "initiatives.Quote.service": (NONE, PROJECT),
    "initiatives.Quote.site": (NONE, PROJECT),
    "initiatives.Quote.interview": (NONE, PROJECT),
    "initiatives.Quote.consent_to_publish": (NONE, PROJECT),
    "initiatives.Quote.reviewed": (NONE, PROJECT),
    "initiatives.Quote.reviewed_by": (STAFF, ACCOUNT),
    # initiatives.ScreeningCriterion
    "initiatives.ScreeningCriterion.id": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.created_at": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.updated_at": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.project": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.name": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.description": (FREE_TEXT, PROJECT),
    "initiatives.ScreeningCriterion.scale_min": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.scale_max": (NONE, PROJECT),
    "initiatives.ScreeningCriterion.position": (NONE, PROJECT),
    # initiatives.Idea
    "initiatives.Idea.id": (NONE, PROJECT),
    "initiatives.Idea.created_at": (NONE, PROJECT),
    "initiatives.Idea.updated_at": (NONE, PROJECT),
    "initiatives.Idea.project": (NONE, PROJECT),
    "initiatives.Idea.title": (NONE, PROJECT),
    "initiatives.Idea.description": (FREE_TEXT, PROJECT),
    "initiatives.Idea.solution_space": (NONE, PROJECT),
    "initiatives.Idea.site": (NONE, PROJECT),
    "initiatives.Idea.group_name": (STAFF, PROJECT),
    "initiatives.Idea.proposer": (STAFF, ACCOUNT),
    "initiatives.Idea.phase": (NONE, PROJECT),
    "initiatives.Idea.outcome": (NONE, PROJECT),
    "initiatives.Idea.version": (NONE, PROJECT),
    # initiatives.IdeaScore
    "initiatives.IdeaScore.id": (NONE, PROJECT),
    "initiatives.IdeaScore.created_at": (NONE, PROJECT),
    "initiatives.IdeaScore.updated_at": (NONE, PROJECT),
    "initiatives.IdeaScore.idea": (NONE, PROJECT),
    "initiatives.IdeaScore.criterion": (NONE, PROJECT),
    "initiatives.IdeaScore.scorer": (STAFF, ACCOUNT),
    "initiatives.IdeaScore.value": (NONE, PROJECT),
    # initiatives.IdeaTransition
    "initiatives.IdeaTransition.id": (NONE, PROJECT),
    "initiatives.IdeaTransition.from_state": (NONE, PROJECT),
    "initiatives.IdeaTransition.to_state": (NONE, PROJECT),
    "initiatives.IdeaTransition.by": (STAFF, ACCOUNT),
    "initiatives.IdeaTransition.at": (NONE, PROJECT),
    "initiatives.IdeaTransition.reason": (FREE_TEXT, PROJECT),
    "initiatives.IdeaTransition.idea": (NONE, PROJECT),
    # initiatives.Decision
    "initiatives.Decision.id": (NONE, PROJECT),
    "initiatives.Decision.created_at": (NONE, PROJECT),
    "initiatives.Decision.updated_at": (NONE, PROJECT),
    "initiatives.Decision.idea": (NONE, PROJECT),
    "initiatives.Decision.outcome": (NONE, PROJECT),
    "initiatives.Decision.rationale": (FREE_TEXT, PROJECT),
    "initiatives.Decision.decided_on": (NONE, PROJECT),
    "initiatives.Decision.decided_by": (STAFF, ACCOUNT),
    # initiatives.Initiative
    "initiatives.Initiative.id": (NONE, PROJECT),
    "initiatives.Initiative.created_at": (NONE, PROJECT),
    "initiatives.Initiative.updated_at": (NONE, PROJECT),
    "initiatives.Initiative.project": (NONE, PROJECT),
    "initiatives.Initiative.idea": (NONE, PROJECT),
    "initiatives.Initiative.name": (NONE, PROJECT),
    "initiatives.Initiative.description": (FREE_TEXT, PROJECT),
    "initiatives.Initiative.solution_space": (NONE, PROJECT),
    "initiatives.Initiative.status": (NONE, PROJECT),
    # initiatives.InitiativeSite
    "initiatives.InitiativeSite.id": (NONE, PROJECT),
    "initiatives.InitiativeSite.created_at": (NONE, PROJECT),
    "initiatives.InitiativeSite.updated_at": (NONE, PROJECT),
    "initiatives.InitiativeSite.initiative": (NONE, PROJECT),
    "initiatives.InitiativeSite.site": (NONE, PROJECT),
    "initiatives.InitiativeSite.coordinator": (STAFF, ACCOUNT),
    # initiatives.InitiativeTransition
    "initiatives.InitiativeTransition.id": (NONE, PROJECT),
    "initiatives.InitiativeTransition.from_state": (NONE, PROJECT),
    "initiatives.InitiativeTransition.to_state": (NONE, PROJECT),
    "initiatives.InitiativeTransition.by": (STAFF, ACCOUNT),
    "initiatives.InitiativeTransition.at": (NONE, PROJECT),
    "initiatives.InitiativeTransition.reason": (FREE_TEXT, PROJECT),
    "initiatives.InitiativeTransition.initiative": (NONE, PROJECT),
    # initiatives.TimelineItem
    "initiatives.TimelineItem.id": (NONE, PROJECT),
    "initiatives.TimelineItem.created_at": (NONE, PROJECT),
    "initiatives.TimelineItem.updated_at": (NONE, PROJECT),
    "initiatives.TimelineItem.project": (NONE, PROJECT),
    "initiatives.TimelineItem.title": (NONE, PROJECT),
    "initiatives.TimelineItem.description": (FREE_TEXT, PROJECT),
    "initiatives.TimelineItem.kind": (NONE, PROJECT),
    "initiatives.TimelineItem.starts_week": (NONE, PROJECT),
    "initiatives.TimelineItem.ends_week": (NONE, PROJECT),
    "initiatives.TimelineItem.responsible_role": (NONE, PROJECT),
    "initiatives.TimelineItem.responsible_note": (STAFF, PROJECT),
    "initiatives.TimelineItem.done": (NONE, PROJECT),
    "initiatives.TimelineItem.tracks": (NONE, PROJECT),
    # testing.TestGuide
    "testing.TestGuide.id": (NONE, PROJECT),
    "testing.TestGuide.created_at": (NONE, PROJECT),
    "testing.TestGuide.updated_at": (NONE, PROJECT),
    "testing.TestGuide.purpose": (FREE_TEXT, PROJECT),
    "testing.TestGuide.hypothesis": (FREE_TEXT, PROJECT),
    "testing.TestGuide.target_group": (FREE_TEXT, PROJECT),
    "testing.TestGuide.activities": (NONE, PROJECT),
    "testing.TestGuide.materials": (FREE_TEXT, PROJECT),
    "testing.TestGuide.responsible": (STAFF, PROJECT),
    "testing.TestGuide.registration": (FREE_TEXT, PROJECT),
    "testing.TestGuide.success_criteria": (FREE_TEXT, PROJECT),
    "testing.TestGuide.schedule": (NONE, PROJECT),
    "testing.TestGuide.initiative": (NONE, PROJECT),
    # testing.TestGuideVersion
    "testing.TestGuideVersion.id": (NONE, PROJECT),
    "testing.TestGuideVersion.purpose": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.hypothesis": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.target_group": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.activities": (NONE, PROJECT),
    "testing.TestGuideVersion.materials": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.responsible": (STAFF, PROJECT),
    "testing.TestGuideVersion.registration": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.success_criteria": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.schedule": (NONE, PROJECT),
    "testing.TestGuideVersion.guide": (NONE, PROJECT),
    "testing.TestGuideVersion.number": (NONE, PROJECT),
    "testing.TestGuideVersion.change_note": (FREE_TEXT, PROJECT),
    "testing.TestGuideVersion.published_at": (NONE, PROJECT),
    "testing.TestGuideVersion.published_by": (STAFF, ACCOUNT),
    # testing.SchemaTemplate
    "testing.SchemaTemplate.id": (NONE, PROJECT),
    "testing.SchemaTemplate.created_at": (NONE, PROJECT),
    "testing.SchemaTemplate.updated_at": (NONE, PROJECT),
    "testing.SchemaTemplate.initiative": (NONE, PROJECT),
    "testing.SchemaTemplate.name": (NONE, PROJECT),
    "testing.SchemaTemplate.description": (FREE_TEXT, PROJECT),
    # testing.SchemaVersion
    "testing.SchemaVersion.id": (NONE, PROJECT),
    "testing.SchemaVersion.created_at": (NONE, PROJECT),
    "testing.SchemaVersion.updated_at": (NONE, PROJECT),
    "testing.SchemaVersion.template": (NONE, PROJECT),
    "testing.SchemaVersion.number": (NONE, PROJECT),
    # testing.Section
    "testing.Section.id": (NONE, PROJECT),
    "testing.Section.version": (NONE, PROJECT),
    "testing.Section.title": (NONE, PROJECT),
    "testing.Section.description": (FREE_TEXT, PROJECT),
    "testing.Section.position": (NONE, PROJECT),
    # testing.Question
    "testing.Question.id": (NONE, PROJECT),
    "testing.Question.section": (NONE, PROJECT),
    "testing.Question.key": (NONE, PROJECT),
    "testing.Question.position": (NONE, PROJECT),
    "testing.Question.kind": (NONE, PROJECT),
    "testing.Question.text": (NONE, PROJECT),
    "testing.Question.help_text": (NONE, PROJECT),
    "testing.Question.required": (NONE, PROJECT),
    "testing.Question.min_value": (NONE, PROJECT),
    "testing.Question.max_value": (NONE, PROJECT),
    "testing.Question.scale_low_label": (NONE, PROJECT),
    "testing.Question.scale_high_label": (NONE, PROJECT),
    "testing.Question.choices": (NONE, PROJECT),
    "testing.Question.holds_personal_data": (NONE, PROJECT),
    # testing.TestRun
    "testing.TestRun.id": (NONE, PROJECT),
    "testing.TestRun.created_at": (NONE, PROJECT),
    "testing.TestRun.updated_at": (NONE, PROJECT),
    "testing.TestRun.project": (NONE, PROJECT),
    "testing.TestRun.initiative": (NONE, PROJECT),
    "testing.TestRun.site": (NONE, PROJECT),
    "testing.TestRun.template": (NONE, PROJECT),
    "testing.TestRun.starts_week": (NONE, PROJECT),
    "testing.TestRun.ends_week": (NONE, PROJECT),
    "testing.TestRun.cadence": (NONE, PROJECT),
    # testing.Submission
    "testing.Submission.id": (NONE, PROJECT),
    "testing.Submission.created_at": (NONE, PROJECT),
    "testing.Submission.updated_at": (NONE, PROJECT),
    "testing.Submission.run": (NONE, PROJECT),
    "testing.Submission.kind": (NONE, PROJECT),
    "testing.Submission.week": (NONE, PROJECT),
    "testing.Submission.due_on": (NONE, PROJECT),
    "testing.Submission.schema_version": (NONE, PROJECT),
    "testing.Submission.status": (NONE, PROJECT),
    "testing.Submission.version": (NONE, PROJECT),
    "testing.Submission.last_saved_at": (NONE, PROJECT),
    "testing.Submission.last_saved_by": (STAFF, ACCOUNT),
    "testing.Submission.submitted_at": (NONE, PROJECT),
    "testing.Submission.submitted_by": (STAFF, ACCOUNT),
    "testing.Submission.reviewed_at": (NONE, PROJECT),
    "testing.Submission.reviewed_by": (STAFF, ACCOUNT),
    "testing.Submission.return_comment": (FREE_TEXT, PROJECT),
    # testing.Answer
    "testing.Answer.id": (NONE, PROJECT),
    "testing.Answer.submission": (NONE, PROJECT),
    "testing.Answer.question": (NONE, PROJECT),
    "testing.Answer.value_integer": (NONE, PROJECT),
    "testing.Answer.value_decimal": (NONE, PROJECT),
    # Every free-text answer is citizens' data, whether or not its question is marked
    # `holds_personal_data` (e.g. "Citater fra borgere"): gdpr_export/erase --speaker
    # search them all, and gdpr_purge empties them all after the project's retention,
    # as it deletes the quotes. The mark decides who may read them and keeps them out
    # of the exports (synergy/permissions.py, reporting/exports.py).
    "testing.Answer.value_text": (CITIZEN, PURGE),
    "testing.Answer.value_bool": (NONE, PROJECT),
    "testing.Answer.value_date": (NONE, PROJECT),
    "testing.Answer.value_choices": (NONE, PROJECT),
    # testing.AnswerComment
    "testing.AnswerComment.id": (NONE, PROJECT),
    "testing.AnswerComment.created_at": (NONE, PROJECT),
    "testing.AnswerComment.updated_at": (NONE, PROJECT),
    "testing.AnswerComment.submission": (NONE, PROJECT),
    "testing.AnswerComment.question": (NONE, PROJECT),
    "testing.AnswerComment.author": (STAFF, ACCOUNT),
    "testing.AnswerComment.text": (CITIZEN, PURGE),
    "testing.AnswerComment.resolved": (NONE, PROJECT),
    # testing.SubmissionEvent
    "testing.SubmissionEvent.id": (NONE, PROJECT),
    "testing.SubmissionEvent.submission": (NONE, PROJECT),
    "testing.SubmissionEvent.action": (NONE, PROJECT),
    "testing.SubmissionEvent.by": (STAFF, ACCOUNT),
    "testing.SubmissionEvent.at": (NONE, PROJECT),
    "testing.SubmissionEvent.changed": (NONE, PROJECT),
    "testing.SubmissionEvent.note": (FREE_TEXT, PROJECT),
    # testing.Photo
    "testing.Photo.id": (NONE, PROJECT),
    "testing.Photo.created_at": (NONE, PROJECT),
    "testing.Photo.updated_at": (NONE, PROJECT),
    "testing.Photo.submission": (NONE, PROJECT),
    "testing.Photo.question": (NONE, PROJECT),
    "testing.Photo.file": (CITIZEN, PURGE),
    "testing.Photo.content_type": (CITIZEN, PURGE),
    "testing.Photo.width": (CITIZEN, PURGE),
    "testing.Photo.height": (CITIZEN, PURGE),
    "testing.Photo.uploaded_by": (STAFF, ACCOUNT),
    # testing.AdvisoryVisit
    "testing.AdvisoryVisit.id": (NONE, PROJECT),
    "testing.AdvisoryVisit.created_at": (NONE, PROJECT),
    "testing.AdvisoryVisit.updated_at": (NONE, PROJECT),
    "testing.AdvisoryVisit.project": (NONE, PROJECT),
    "testing.AdvisoryVisit.site": (NONE, PROJECT),
    "testing.AdvisoryVisit.visited_on": (NONE, PROJECT),
    "testing.AdvisoryVisit.participants": (CITIZEN, PURGE),
    "testing.AdvisoryVisit.notes": (CITIZEN, PURGE),
    "testing.AdvisoryVisit.agreed_adjustments": (FREE_TEXT, PROJECT),
    # testing.InterviewQuestion
    "testing.InterviewQuestion.id": (NONE, PROJECT),
    "testing.InterviewQuestion.created_at": (NONE, PROJECT),
    "testing.InterviewQuestion.updated_at": (NONE, PROJECT),
    "testing.InterviewQuestion.project": (NONE, PROJECT),
    "testing.InterviewQuestion.text": (NONE, PROJECT),
    "testing.InterviewQuestion.position": (NONE, PROJECT),
    # testing.PhoneInterview
    "testing.PhoneInterview.id": (NONE, PROJECT),
    "testing.PhoneInterview.created_at": (NONE, PROJECT),
    "testing.PhoneInterview.updated_at": (NONE, PROJECT),
    "testing.PhoneInterview.project": (NONE, PROJECT),
    "testing.PhoneInterview.site": (NONE, PROJECT),
    "testing.PhoneInterview.held_on": (NONE, PROJECT),
    "testing.PhoneInterview.coordinator": (STAFF, ACCOUNT),
    "testing.PhoneInterview.notes": (CITIZEN, PURGE),
    # testing.PhoneInterviewAnswer
    "testing.PhoneInterviewAnswer.id": (NONE, PROJECT),
    "testing.PhoneInterviewAnswer.interview": (NONE, PROJECT),
    "testing.PhoneInterviewAnswer.question": (NONE, PROJECT),
    "testing.PhoneInterviewAnswer.text": (CITIZEN, PURGE),
    # testing.ReminderLog
    "testing.ReminderLog.id": (NONE, PROJECT),
    "testing.ReminderLog.submission": (NONE, PROJECT),
    "testing.ReminderLog.recipient": (STAFF, ACCOUNT),
    "testing.ReminderLog.iso_year": (NONE, PROJECT),
    "testing.ReminderLog.iso_week": (NONE, PROJECT),
    "testing.ReminderLog.sent_at": (NONE, PROJECT),
    # reporting.Catalogue
    "reporting.Catalogue.id": (NONE, PROJECT),
    "reporting.Catalogue.created_at": (NONE, PROJECT),
    "reporting.Catalogue.updated_at": (NONE, PROJECT),
    "reporting.Catalogue.project": (NONE, PROJECT),
    "reporting.Catalogue.title": (NONE, PROJECT),
    "reporting.Catalogue.subtitle": (NONE, PROJECT),
    "reporting.Catalogue.period": (NONE, PROJECT),
    "reporting.Catalogue.introduction": (FREE_TEXT, PROJECT),
    "reporting.Catalogue.method": (FREE_TEXT, PROJECT),
    "reporting.Catalogue.colophon": (STAFF, PROJECT),
    "reporting.Catalogue.author": (STAFF, PROJECT),
    # reporting.CatalogueChapter
    "reporting.CatalogueChapter.id": (NONE, PROJECT),
    "reporting.CatalogueChapter.created_at": (NONE, PROJECT),
    "reporting.CatalogueChapter.updated_at": (NONE, PROJECT),
    "reporting.CatalogueChapter.catalogue": (NONE, PROJECT),
    "reporting.CatalogueChapter.initiative": (NONE, PROJECT),
    "reporting.CatalogueChapter.position": (NONE, PROJECT),
    "reporting.CatalogueChapter.included": (NONE, PROJECT),
    "reporting.CatalogueChapter.why_and_what": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.where_and_how": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.what_worked": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.what_did_not": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.resources": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.learnings": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.recommendation": (NONE, PROJECT),
    "reporting.CatalogueChapter.recommendation_text": (FREE_TEXT, PROJECT),
    "reporting.CatalogueChapter.getting_started": (FREE_TEXT, PROJECT),
    # reporting.CatalogueRender
    "reporting.CatalogueRender.id": (NONE, PROJECT),
    "reporting.CatalogueRender.created_at": (NONE, PROJECT),
    "reporting.CatalogueRender.updated_at": (NONE, PROJECT),
    "reporting.CatalogueRender.catalogue": (NONE, PROJECT),
    "reporting.CatalogueRender.status": (NONE, PROJECT),
    "reporting.CatalogueRender.progress": (NONE, PROJECT),
    "reporting.CatalogueRender.step": (NONE, PROJECT),
    "reporting.CatalogueRender.content_hash": (NONE, PROJECT),
    "reporting.CatalogueRender.file": (CITIZEN, PURGE),
    "reporting.CatalogueRender.pages": (NONE, PROJECT),
    "reporting.CatalogueRender.size": (NONE, PROJECT),
    "reporting.CatalogueRender.reused": (NONE, PROJECT),
    "reporting.CatalogueRender.error": (FREE_TEXT, PROJECT),
    "reporting.CatalogueRender.requested_by": (STAFF, ACCOUNT),
    "reporting.CatalogueRender.started_at": (NONE, PROJECT),
    "reporting.CatalogueRender.finished_at": (NONE, PROJECT),
}


def fields(category=None, retention=None):
    """The "app.Model.field" names with this category and/or retention."""
    return [
        name
        for name, (kind, keep) in INVENTORY.items()
        if (category is None or kind == category)
        and (retention is None or keep == retention)
    ]
