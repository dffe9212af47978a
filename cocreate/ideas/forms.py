"""Forms for proposing ideas and configuring boards."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class IdeaForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give your idea a title."),
            Length(min=4, max=140, message="Titles are 4–140 characters long."),
        ],
    )
    body = TextAreaField(
        "Describe the problem and what would help",
        validators=[Length(max=20_000, message="Descriptions are at most 20,000 characters.")],
    )
    tags = MultiCheckboxField("Tags", choices=[], validate_choice=False)


class BoardForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(min=2, max=80)])
    description = TextAreaField("Description", validators=[Length(max=2000)])
    is_private = BooleanField("Private: visible only to the roles chosen below (and admins)")
    allowed_roles = MultiCheckboxField(
        "Roles that can see a private board",
        choices=[
            SelectChoice("member", "Members"),
            SelectChoice("moderator", "Moderators"),
            SelectChoice("product", "Product team"),
        ],
        validate_choice=True,
    )
    vote_budget = IntegerField(
        "Vote budget (open votes per person; empty for unlimited)",
        validators=[Optional(), NumberRange(min=1, max=1000)],
    )
    tags = StringField("Tags, separated by commas", validators=[Length(max=1000)])
    support_milestones = StringField(
        "Support milestones (supporters, separated by commas; the last sends an idea to review)",
        validators=[Length(max=100)],
    )
    expiry_days = IntegerField(
        "Days an idea has to reach its next milestone before it expires (empty: never)",
        validators=[Optional(), NumberRange(min=1, max=3650)],
    )
    moderation = SelectField(
        "Moderation of ideas and comments",
        choices=[
            SelectChoice("post", "Publish at once; flags bring them to moderators"),
            SelectChoice("pre", "Hold each idea and comment for a moderator first"),
        ],
        validate_choice=False,  # the service refuses unknown values; a missing one means "post"
    )


class CustomerFields:
    """Who the feedback is from, when a staff member records it for them."""

    customer_email = StringField(
        "Customer's e-mail",
        validators=[DataRequired("Enter the customer's e-mail address."), Length(max=254)],
    )
    customer_name = StringField("Customer's name (optional)", validators=[Length(max=80)])


class CaptureIdeaForm(IdeaForm, CustomerFields):
    pass


class CaptureVoteForm(FlaskForm, CustomerFields):
    importance = SelectField("How much it matters to them", choices=[], validate_choice=False)
