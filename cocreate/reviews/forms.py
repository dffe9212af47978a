"""Forms for reviews, products and order imports."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length


class ReviewForm(FlaskForm):
    rating = RadioField(
        "Your rating",
        choices=[SelectChoice(str(n), f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)],
        validators=[DataRequired("Choose a rating from 1 to 5 stars.")],
    )
    title = StringField(
        "Headline", validators=[DataRequired("Give your review a headline."), Length(min=3, max=120)]
    )
    body = TextAreaField("Your review", validators=[Length(max=10_000)])
    pros = TextAreaField("What you liked", validators=[Length(max=1000)])
    cons = TextAreaField("What could be better", validators=[Length(max=1000)])


class ProductForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(min=2, max=120)])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    board_id = SelectField("Idea board for this product", choices=[], validate_choice=False)
    image = FileField("Image (JPEG, PNG or WebP, up to 8 MB)")
    moderation = SelectField(
        "Reviews",
        choices=[
            SelectChoice("post", "Publish at once; flags bring them to moderators"),
            SelectChoice("pre", "Hold each review for a moderator first"),
        ],
        validate_choice=False,  # the service refuses unknown values; a missing one means "post"
    )


class OrdersForm(FlaskForm):
    orders = FileField(
        "Orders CSV (email,product,order_date)", validators=[FileRequired("Choose a CSV file.")]
    )


class UGCForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired("Give it a title."), Length(min=3, max=120)])
    story = TextAreaField("Your story", validators=[Length(max=10_000)])
    photos = MultipleFileField("Photos (up to 4; JPEG, PNG or WebP, 8 MB each)")
    video_url = StringField("Video link (YouTube, Vimeo, TikTok or Instagram)", validators=[Length(max=500)])


class CampaignForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(min=3, max=120)])
    brief = TextAreaField("Brief: what should people share?", validators=[DataRequired(), Length(max=10_000)])
    product_id = SelectField("Product (optional)", choices=[], validate_choice=False)
    starts_on = DateField("First day", validators=[DataRequired("Choose the first day.")])
    ends_on = DateField("Last day", validators=[DataRequired("Choose the last day.")])
