from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class BrandingForm(FlaskForm):
    name = StringField("Community name", validators=[DataRequired(), Length(max=60)])
    tagline = StringField("Tagline (in the footer and e-mails)", validators=[Length(max=160)])
    accent = StringField("Accent colour", validators=[DataRequired(), Length(max=7)])
    logo = FileField("Logo (PNG, JPEG or WebP; shown 32 px tall)")
    remove_logo = BooleanField("Remove the logo")
    footer_links = TextAreaField(
        "Footer links, one a line: Label | https://…", validators=[Length(max=3_000)]
    )
