"""Admin forms: a connector, an allowed host."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from cocreate.ideas.forms import MultiCheckboxField


class ConnectorForm(FlaskForm):
    board_id = SelectField("Board", coerce=int, choices=[], validate_choice=True)
    kind = SelectField(
        "Kind",
        choices=[
            SelectChoice("webhook", "Signed webhook (Standard Webhooks)"),
            SelectChoice("github", "GitHub Issues"),
            SelectChoice("jira", "Jira"),
        ],
        validate_choice=False,  # the service names the kinds it knows
    )
    name = StringField("Name", validators=[DataRequired("Give the connector a name."), Length(max=80)])
    url = StringField(
        "URL (the webhook endpoint, or the API base: https://api.github.com, https://yours.atlassian.net)",
        validators=[DataRequired("A URL is needed."), Length(max=500)],
    )
    project = StringField("Project (GitHub owner/repo or Jira project key)", validators=[Length(max=120)])
    token = PasswordField(
        "Token (GitHub or Jira; for Jira Cloud: email:api-token)", validators=[Length(max=500)]
    )
    events = MultiCheckboxField(
        "Webhook events besides backlog items",
        choices=[
            SelectChoice("idea.created", "An idea is published"),
            SelectChoice("idea.status_changed", "An idea's status changes"),
            SelectChoice("idea.milestone_reached", "An idea reaches a support milestone"),
        ],
        validate_choice=False,
    )
    auto_send = BooleanField("Send ideas automatically when they reach the board's last support milestone")


class AllowedHostForm(FlaskForm):
    host = StringField("Host", validators=[DataRequired("Give a host."), Length(max=255)])
