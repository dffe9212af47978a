"""The program form for the product team and the feedback form for participants (sign-up fields come from
each program's questions, so that form is read directly)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange

from cocreate.beta.models import FeedbackKind
from cocreate.ideas.forms import MultiCheckboxField
from cocreate.rewards.catalog import DEFAULT_TIERS

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class ProgramForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(min=3, max=120)])
    description = TextAreaField("What testers will do (Markdown)", validators=[Length(max=20_000)])
    product_id = SelectField("Product (optional)", choices=[], validate_choice=False)
    ideas = MultiCheckboxField("Ideas it answers", choices=[], validate_choice=False)
    capacity = IntegerField("Seats", validators=[DataRequired("How many testers?"), NumberRange(1, 100_000)])
    opens_at = DateTimeLocalField("Sign-ups open (UTC)", format=TIME_FORMATS, validators=[DataRequired()])
    closes_at = DateTimeLocalField("Sign-ups close (UTC)", format=TIME_FORMATS, validators=[DataRequired()])
    min_tier = SelectField("Minimum tier", choices=[SelectChoice(t.name, t.label) for t in DEFAULT_TIERS])
    questions = TextAreaField(
        "Screening questions, one a line: Question | choices | eligible answers",
        validators=[Length(max=5_000)],
    )
    consents = TextAreaField("Consents, one a line (each must be ticked)", validators=[Length(max=3_000)])
    terms = TextAreaField("Terms / NDA (a change makes a new version)", validators=[Length(max=50_000)])
    needs_approval = BooleanField("The team approves each participant")
    tier_priority = BooleanField("Higher tiers go first on the waitlist")


class FeedbackForm(FlaskForm):
    kind = SelectField("Type", choices=[SelectChoice(k.value, k.value.capitalize()) for k in FeedbackKind])
    title = StringField("Title", validators=[DataRequired(), Length(min=3, max=140)])
    body = TextAreaField("Details", validators=[Length(max=20_000)])
    idea_id = SelectField("About an idea (optional)", choices=[], validate_choice=False)
