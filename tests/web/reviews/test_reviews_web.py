"""Product pages, review forms, helpful votes over htmx, product management and the CSV upload."""

import io

from sqlalchemy import func, select

from cocreate.reviews.models import HelpfulVote, OrderRecord, Product, Review
from cocreate.reviews.services import do_write_review
from tests.factories import ProductFactory, UserFactory


def test_write_then_edit_review_through_the_form(client, session):
    product = ProductFactory(slug="tent", name="Trail Tent")
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    data = {"rating": "4", "title": "Light and dry", "body": "Held up in **rain**."}
    data |= {"pros": "Weight", "cons": "Price"}
    response = client.post_form("/p/tent/review", data)
    assert response.status_code == 302
    page = client.get("/p/tent").get_data(as_text=True)
    assert "Light and dry" in page and "<strong>rain</strong>" in page and "Edit your review" in page
    assert 'aria-label="4.0 out of 5 stars"' in page
    form = client.get("/p/tent/review").get_data(as_text=True)
    assert 'value="Light and dry"' in form
    client.post_form("/p/tent/review", {**data, "rating": "2", "title": "Leaked after a month"})
    session.commit()
    product = session.get(Product, product.id)
    assert (product.review_count, product.stars_4, product.stars_2) == (1, 0, 1)


def test_review_form_errors_are_422_and_store_nothing(client, session):
    ProductFactory(slug="tent")
    user = UserFactory()
    session.commit()
    client.sign_in(user)
    for data, message in (
        ({"title": "No rating given"}, "Choose a rating"),
        ({"rating": "9", "title": "Too many stars"}, "Not a valid choice"),
        ({"rating": "3", "title": ""}, "headline"),
    ):
        response = client.post_form("/p/tent/review", data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), data
    session.commit()
    assert session.scalar(select(func.count(Review.id))) == 0


def test_helpful_vote_with_htmx_and_its_errors(client, session):
    product = ProductFactory(slug="tent")
    author, reader = UserFactory(), UserFactory()
    review = do_write_review(session, actor=author, product=product, rating=5, title="Great tent")
    session.commit()
    client.sign_in(reader)
    url = f"/reviews/{review.id}/helpful"
    html = client.post_form(url, {"helpful": "yes"}, htmx=True).get_data(as_text=True)
    assert html.lstrip().startswith(f'<div class="helpful" id="helpful-{review.id}">')
    assert "1 of 1 found this helpful" in html and "You answered: helpful" in html
    assert client.post_form(url, {"helpful": "no"}, htmx=True).status_code == 409
    assert client.post_form(url, {"helpful": "maybe"}, htmx=True).status_code == 400
    assert client.post_form("/reviews/99999/helpful", {"helpful": "yes"}, htmx=True).status_code == 404
    assert client.post(url, data={"helpful": "yes"}).status_code == 400  # no CSRF token
    client.post_form("/logout")
    client.sign_in(author)
    own = client.post_form(url, {"helpful": "yes"}, htmx=True)
    assert own.status_code == 403 and "own review" in own.get_data(as_text=True)
    session.commit()
    assert session.scalar(select(func.count(HelpfulVote.id))) == 1


def test_link_to_a_private_board_is_only_shown_to_those_who_can_see_it(client, session):
    from tests.factories import BoardFactory

    board = BoardFactory(slug="secret", is_private=True, allowed_roles="product")
    ProductFactory(slug="tent", board=board)
    product_person = UserFactory(role="product")
    session.commit()
    assert "/b/secret" not in client.get("/p/tent").get_data(as_text=True)
    client.sign_in(product_person)
    assert "/b/secret" in client.get("/p/tent").get_data(as_text=True)


def test_bad_product_page_parameters(client, session):
    ProductFactory(slug="tent")
    session.commit()
    assert client.get("/p/tent?sort=weird").status_code == 400
    assert client.get("/p/tent?cursor=%%%").status_code == 400
    assert client.get("/p/none").status_code == 404
    assert client.get("/products").status_code == 200


def test_members_cannot_manage_products_and_product_people_can(client, session):
    member, product_person = UserFactory(), UserFactory(role="product")
    session.commit()
    client.sign_in(member)
    assert client.get("/manage/products").status_code == 403
    assert client.post_form("/manage/products", {"product-name": "Stove"}).status_code == 403
    client.post_form("/logout")
    client.sign_in(product_person)
    response = client.post_form("/manage/products", {"product-name": "Camp Stove", "product-board_id": ""})
    assert response.status_code == 302 and response.headers["Location"] == "/p/camp-stove"
    duplicate = client.post_form("/manage/products", {"product-name": "Camp stove"})
    assert duplicate.status_code == 422 and "already exists" in duplicate.get_data(as_text=True)


def test_orders_csv_upload(client, session):
    ProductFactory(slug="tent")
    manager = UserFactory(role="admin")
    session.commit()
    client.sign_in(manager)
    csv = b"email,product,order_date\nann@example.com,tent,2026-01-02\nbad,tent,2026-01-02\n"
    response = client.post_form(
        "/manage/orders", {"orders-orders": (io.BytesIO(csv), "orders.csv")}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Imported 1 orders" in page and "line 3: not an e-mail address" in page
    binary_file = {"orders-orders": (io.BytesIO(b"\xff\xfe\x00bad"), "x.csv")}
    binary = client.post_form("/manage/orders", binary_file, headers={"HX-Request": "true"})
    assert binary.status_code == 400 and "UTF-8" in binary.get_data(as_text=True)
    assert client.post_form("/manage/orders", {}, headers={"HX-Request": "true"}).status_code == 400
    session.commit()
    assert session.scalar(select(func.count(OrderRecord.id))) == 1


def test_product_image_upload_and_serving(app, client, session):
    from PIL import Image

    product_person = UserFactory(role="product")
    session.commit()
    client.sign_in(product_person)
    image = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(image, format="PNG")
    image.seek(0)
    response = client.post_form(
        "/manage/products", {"product-name": "Camp Stove", "product-image": (image, "stove.png")}
    )
    assert response.status_code == 302
    session.commit()
    product = session.scalar(select(Product).where(Product.slug == "camp-stove"))
    assert product.image.endswith(".png")
    served = client.get(f"/media/{product.image}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert f'src="/media/{product.image}"' in client.get("/p/camp-stove").get_data(as_text=True)
    assert client.get("/media/../instance/secret_key").status_code == 404
    assert client.get("/media/" + "a" * 22 + ".png").status_code == 404

    svg = io.BytesIO(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    bad = client.post_form(
        "/manage/products", {"product-name": "Evil Stove", "product-image": (svg, "x.jpg")}
    )
    assert bad.status_code == 422 and "JPEG, PNG or WebP" in bad.get_data(as_text=True)
    session.commit()
    assert session.scalar(select(func.count(Product.id))) == 1
