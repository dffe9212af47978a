"""Sign-up and sign-in forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class RegisterForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=30)])
    display_name = StringField("Display name", validators=[Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=10, max=200)])


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in")


class EmailLinkForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])


class NewPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField("The same again", validators=[DataRequired(), Length(max=200)])


class ProfileForm(FlaskForm):
    display_name = StringField("Display name", validators=[DataRequired(), Length(max=80)])
    picture = FileField("Picture (JPEG, PNG or WebP, up to 8 MB; shown round)")
    remove_picture = BooleanField("Remove my picture")
