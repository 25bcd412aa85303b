fn main() {
    fahras_app::start();
}
