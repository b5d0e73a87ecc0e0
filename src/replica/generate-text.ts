/**
 * The words generated portals are assembled from: subjects, predicates, sentences, captions and bylines of the
 * kind the Điện Biên district portals print. `{commune}`, `{year}`, `{n}` (a count) and `{k}` (5..19) are filled in
 * per article.
 */

export const DISTRICTS = ['Mường Nhé', 'Nậm Pồ', 'Mường Chà', 'Điện Biên Đông', 'Mường Ảng', 'Tuần Giáo', 'Tủa Chùa', 'Điện Biên'];

export const COMMUNES = [
  'Mường Phăng', 'Thanh Xương', 'Sín Chải', 'Tả Phìn', 'Xá Nhè', 'Lao Xả Phình', 'Mường Báng', 'Huổi Só',
  'Sính Phình', 'Nà Tấu', 'Pa Thơm', 'Mường Nhà', 'Trung Thu', 'Mường Đun', 'Tủa Thàng', 'Na Sang',
];

export const CATEGORIES = [
  { key: 'Tin-tuc-su-kien', name: 'Tin tức - Sự kiện' },
  { key: 'Kinh-te-Xa-hoi', name: 'Kinh tế - Xã hội' },
  { key: 'Xay-dung-Dang-Chinh-quyen', name: 'Xây dựng Đảng - Chính quyền' },
  { key: 'Van-hoa-Du-lich', name: 'Văn hóa - Du lịch' },
  { key: 'Giao-duc-Y-te', name: 'Giáo dục - Y tế' },
  { key: 'Quoc-phong-An-ninh', name: 'Quốc phòng - An ninh' },
];

export const SUBJECTS = [
  'Huyện ủy', 'UBND huyện', 'HĐND huyện', 'Ủy ban MTTQ Việt Nam huyện', 'Huyện đoàn', 'Hội Liên hiệp Phụ nữ huyện',
  'Phòng Giáo dục và Đào tạo huyện', 'Trung tâm Y tế huyện', 'Ban Chỉ huy Quân sự huyện', 'Công an huyện',
  'Hội Nông dân huyện', 'Phòng Nông nghiệp và PTNT huyện', 'Đảng ủy xã {commune}', 'UBND xã {commune}',
];

export const PREDICATES = [
  'tổ chức Hội nghị tổng kết công tác năm {year}',
  'sơ kết 6 tháng đầu năm {year}',
  'triển khai kế hoạch phát triển kinh tế - xã hội',
  'ra quân Tết trồng cây đời đời nhớ ơn Bác Hồ',
  'tập huấn nghiệp vụ cho cán bộ cấp xã',
  'kiểm tra công tác phòng, chống cháy rừng',
  'phát động phong trào thi đua yêu nước',
  'hưởng ứng Tháng hành động vì an toàn thực phẩm',
  'triển khai chiến dịch tiêm chủng mở rộng',
  'tổ chức lễ giao nhận quân',
  'đẩy mạnh công tác chuyển đổi số',
  'nhân rộng mô hình trồng cây mắc ca',
  'thực hiện chương trình giảm nghèo bền vững',
  'đẩy mạnh cải cách hành chính',
  'tổ chức Lễ hội hoa Ban',
  'khai mạc giải bóng đá thanh niên',
  'bàn giao nhà Đại đoàn kết cho hộ nghèo',
  'tổ chức Tết Trung thu cho thiếu nhi vùng cao',
  'tuyên truyền phòng, chống ma túy',
  'làm việc với các xã về xây dựng nông thôn mới',
  'khắc phục hậu quả mưa lũ, sạt lở đất',
  'trao Huy hiệu Đảng cho đảng viên',
  'tổng kết năm học {year}',
  'tổ chức Đại hội đại biểu lần thứ {n}',
];

export const SUFFIXES = ['', ' năm {year}', ' tại xã {commune}', ' giai đoạn 2021 - 2025', ' trên địa bàn huyện'];

export const SENTENCES = [
  'Tham dự hội nghị có lãnh đạo Huyện ủy, HĐND, UBND huyện và đại diện các phòng, ban, ngành, đoàn thể của huyện.',
  'Trong năm qua, dưới sự lãnh đạo của cấp ủy, sự điều hành của chính quyền, các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra.',
  'Tổng giá trị sản xuất ước đạt {n} tỷ đồng, tăng so với cùng kỳ năm trước.',
  'Công tác xây dựng Đảng và hệ thống chính trị được quan tâm, chất lượng sinh hoạt chi bộ từng bước được nâng lên.',
  'Các xã đã chủ động rà soát, lập danh sách các hộ có nguy cơ bị ảnh hưởng để kịp thời di dời đến nơi an toàn.',
  'Bên cạnh kết quả đạt được, công tác này vẫn còn một số tồn tại, hạn chế cần sớm được khắc phục.',
  'Phát biểu tại buổi làm việc, đồng chí Chủ tịch UBND huyện ghi nhận, biểu dương những kết quả mà xã {commune} đạt được.',
  'Đồng chí đề nghị các đơn vị tiếp tục quán triệt, triển khai thực hiện nghiêm túc các chỉ thị, nghị quyết của cấp trên.',
  'Toàn huyện hiện có {n} hộ tham gia mô hình, diện tích trồng mới tăng qua từng năm.',
  'Nhân dịp này, UBND huyện đã tặng giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.',
  'Chương trình đã thu hút đông đảo quần chúng nhân dân và du khách thập phương tham gia.',
  'Lực lượng chức năng đã phối hợp với chính quyền địa phương tuyên truyền, vận động người dân chấp hành tốt các quy định.',
  'Thông qua hoạt động, nhận thức của cán bộ, đảng viên và Nhân dân về vấn đề này được nâng lên rõ rệt.',
  'Năm học {year}, toàn huyện có {n} học sinh ở các cấp học, tỷ lệ huy động trẻ đến trường đạt trên 98%.',
  'Trung tâm Y tế huyện đã bố trí đầy đủ nhân lực, vắc xin và trang thiết bị phục vụ chiến dịch.',
  'Ngay sau khi nhận được thông tin, Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện đã có mặt tại hiện trường.',
  'Các đại biểu đã tập trung thảo luận, đóng góp nhiều ý kiến tâm huyết, sát với thực tiễn của địa phương.',
  'Hội nghị đã biểu quyết thông qua các nội dung với tỷ lệ đồng thuận cao.',
  'Đến nay, xã {commune} đã đạt {k}/19 tiêu chí nông thôn mới.',
  'Cán bộ, chiến sĩ đã giúp người dân dọn dẹp nhà cửa, khơi thông dòng chảy, sửa chữa đường giao thông nông thôn.',
  'Huyện tiếp tục tranh thủ các nguồn lực để đầu tư cơ sở hạ tầng, nhất là giao thông, thủy lợi, trường học.',
  'Việc ứng dụng công nghệ thông tin đã giúp rút ngắn thời gian giải quyết thủ tục hành chính cho người dân và doanh nghiệp.',
  'Với sự tham gia của {n} vận động viên đến từ các xã, thị trấn, giải đấu diễn ra sôi nổi, hấp dẫn.',
  'Những món quà tuy nhỏ nhưng thể hiện sự quan tâm, động viên kịp thời của các cấp, các ngành đối với bà con.',
  'Đây là dịp để các cấp ủy, chính quyền đánh giá kết quả, rút ra bài học kinh nghiệm trong lãnh đạo, chỉ đạo.',
  'Thời gian tới, huyện sẽ tập trung chỉ đạo quyết liệt, đồng bộ các giải pháp để hoàn thành thắng lợi nhiệm vụ.',
  'Đoàn đã đi kiểm tra thực tế tại một số thôn, bản có diện tích rừng lớn, nguy cơ cháy cao.',
  'Ngành Giáo dục tiếp tục chú trọng nâng cao chất lượng dạy và học, nhất là ở các điểm trường vùng sâu, vùng xa.',
  'Các hộ gia đình đã cam kết sử dụng nguồn vốn vay đúng mục đích, phát triển sản xuất, vươn lên thoát nghèo.',
  'Nhiều mô hình hay, cách làm hiệu quả đã được nhân rộng, góp phần nâng cao thu nhập cho người dân.',
  'Sau {n} ngày triển khai, các lực lượng đã hoàn thành khối lượng công việc theo kế hoạch.',
  'Tại buổi lễ, các tân binh đã hứa sẽ ra sức học tập, rèn luyện, hoàn thành tốt nhiệm vụ được giao.',
  'Lễ hội là dịp tôn vinh, quảng bá giá trị văn hóa truyền thống của đồng bào các dân tộc trên địa bàn.',
  'Công tác đảm bảo an ninh chính trị, trật tự an toàn xã hội được giữ vững, không để xảy ra tình huống bất ngờ.',
  'Huyện đã hỗ trợ {n} triệu đồng cho các hộ bị thiệt hại để sớm ổn định cuộc sống.',
  'Qua kiểm tra, các cơ sở sản xuất, kinh doanh cơ bản chấp hành tốt các quy định về an toàn thực phẩm.',
];

export const CAPTIONS = [
  'Quang cảnh hội nghị.',
  'Đồng chí lãnh đạo huyện phát biểu tại buổi làm việc.',
  'Các đại biểu tham quan mô hình sản xuất tại xã {commune}.',
  'Lãnh đạo huyện trao giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.',
  'Lực lượng chức năng giúp người dân khắc phục hậu quả thiên tai.',
  'Tiết mục văn nghệ chào mừng.',
  'Một số hình ảnh tại buổi lễ.',
  'Cán bộ y tế tiêm vắc xin cho trẻ tại xã {commune}.',
];

export const AUTHORS = [
  'Thu Trang - Trung tâm VH - TT - TH huyện',
  'Hoàng Dương - Trung tâm VH - TT - TH huyện',
  'Minh Hằng - Trung tâm Y tế huyện',
  'Quàng Thị Hoa - Văn phòng HĐND và UBND huyện',
  'Thanh Hương - Huyện đoàn',
  'Lò Văn Thành - Phòng GD&ĐT huyện',
  'Tác giả: Hương Giang',
  'Tác giả: Lò Thị Hiền',
  'Tác giả: Đức Minh',
];
