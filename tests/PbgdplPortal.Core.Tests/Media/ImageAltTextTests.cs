using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

public class ImageAltTextTests
{
    [Theory]
    [InlineData("Cán bộ tư pháp xã tuyên truyền pháp luật cho bà con")]
    [InlineData("Sơ đồ thủ tục đăng ký kết hôn")]
    [InlineData("Ảnh 2 người")]
    public void A_description_of_the_picture_is_enough_to_publish(string altText) =>
        Assert.Null(ImageAltText.Problem(altText));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_image_without_alternative_text_cannot_be_published(string? altText) =>
        Assert.Equal(MediaMessages.AltTextMissing, ImageAltText.Problem(altText));

    [Theory]
    [InlineData("IMG_20250101.jpg")]
    [InlineData("anh-tuyen-truyen.png")]
    [InlineData("DSC01234")]
    [InlineData("PXL_20250101_123456")]
    public void A_file_name_is_not_accepted_as_a_description(string altText) =>
        Assert.Equal(MediaMessages.AltTextIsFileName, ImageAltText.Problem(altText));

    [Fact]
    public void Alternative_text_longer_than_the_limit_is_refused() =>
        Assert.Equal("Văn bản thay thế không được dài quá 300 ký tự.", ImageAltText.Problem(new string('a', 301)));
}
